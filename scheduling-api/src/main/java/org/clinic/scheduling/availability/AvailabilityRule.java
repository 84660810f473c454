package org.clinic.scheduling.availability;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

/** A weekly rule of a doctor's availability, in wall-clock time of {@link #timeZone}. */
@Entity
@Table(name = "availability_rule")
public class AvailabilityRule extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "doctor_id", nullable = false)
    public UUID doctorId;

    /** ISO day of week, 1 = Monday. */
    @Column(name = "day_of_week", nullable = false)
    public short dayOfWeek;

    @Column(name = "start_time", nullable = false)
    public LocalTime startTime;

    @Column(name = "end_time", nullable = false)
    public LocalTime endTime;

    @Column(name = "slot_minutes", nullable = false)
    public int slotMinutes;

    @Column(name = "location_id")
    public UUID locationId;

    @Column(nullable = false)
    public boolean telehealth;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "valid_from", nullable = false)
    public LocalDate validFrom;

    @Column(name = "valid_until")
    public LocalDate validUntil;

    /** Comma-separated; empty offers any type. */
    @Column(name = "appointment_types", nullable = false)
    public String appointmentTypes = "";

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Version
    public int version;

    public SlotCalculator.WeeklyRule toWeeklyRule() {
        return new SlotCalculator.WeeklyRule(id, DayOfWeek.of(dayOfWeek), startTime, endTime, slotMinutes,
                ZoneId.of(timeZone), validFrom, validUntil, locationId, types());
    }

    public java.util.Set<String> types() {
        return appointmentTypes.isEmpty() ? java.util.Set.of() : java.util.Set.of(appointmentTypes.split(","));
    }

    /** Same day, overlapping hours and overlapping validity: two such rules would offer one time twice. */
    public boolean overlaps(AvailabilityRule other) {
        boolean hours = startTime.isBefore(other.endTime) && other.startTime.isBefore(endTime);
        boolean validity = (validUntil == null || !other.validFrom.isAfter(validUntil))
                && (other.validUntil == null || !validFrom.isAfter(other.validUntil));
        return dayOfWeek == other.dayOfWeek && hours && validity;
    }
}
