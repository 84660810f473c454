package org.clinic.notifier.reminder;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The latest known state of an appointment, from scheduling events: what a reminder is written from. */
@Entity
@Table(name = "appointment_view")
public class AppointmentView extends PanacheEntityBase {

    @Id
    @Column(name = "appointment_id")
    public UUID appointmentId;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "doctor_id", nullable = false)
    public UUID doctorId;

    @Column(nullable = false)
    public String status;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    /** The {@code data} of the latest event, JSON. */
    @Column(nullable = false)
    public String data;

    @Column(name = "last_event_time", nullable = false)
    public Instant lastEventTime;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
