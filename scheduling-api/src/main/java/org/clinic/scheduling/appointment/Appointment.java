package org.clinic.scheduling.appointment;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A booked visit. Overlaps are refused by PostgreSQL exclusion constraints (see V4 migration). */
@Entity
@Table(name = "appointment")
public class Appointment extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "doctor_id", nullable = false)
    public UUID doctorId;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "location_id")
    public UUID locationId;

    @Column(nullable = false)
    public boolean telehealth;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    /** {@link #endsAt} plus the doctor's buffer when booked: the doctor's time this visit holds. */
    @Column(name = "blocked_until", nullable = false)
    public Instant blockedUntil;

    public String type;

    public String reason;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AppointmentStatus status;

    @Column(name = "late_cancellation", nullable = false)
    public boolean lateCancellation;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
