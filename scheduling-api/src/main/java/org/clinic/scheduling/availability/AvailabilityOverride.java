package org.clinic.scheduling.availability;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

/** Other hours on one date, or closed that date (both times null). */
@Entity
@Table(name = "availability_override")
public class AvailabilityOverride extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "doctor_id", nullable = false)
    public UUID doctorId;

    @Column(nullable = false)
    public LocalDate date;

    @Column(name = "start_time")
    public LocalTime startTime;

    @Column(name = "end_time")
    public LocalTime endTime;

    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public SlotCalculator.DateOverride toDateOverride() {
        return new SlotCalculator.DateOverride(date, startTime, endTime);
    }
}
