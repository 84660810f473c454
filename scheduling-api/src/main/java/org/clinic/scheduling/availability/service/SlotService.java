package org.clinic.scheduling.availability.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.clinic.common.problem.ProblemException;
import org.clinic.scheduling.appointment.Appointment;
import org.clinic.scheduling.appointment.AppointmentStatus;
import org.clinic.scheduling.availability.AvailabilityRule;
import org.clinic.scheduling.availability.SlotCalculator;
import org.clinic.scheduling.doctor.Doctor;

/** Free slots of a doctor: rules minus booked time (with buffers), the past, the notice and the horizon. */
@ApplicationScoped
public class SlotService {

    /** Longest window one search may cover. */
    public static final Duration MAX_WINDOW = Duration.ofDays(31);

    static final List<AppointmentStatus> HOLDING = List.of(AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED,
            AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED);

    /** Must run inside a session (the booking uses it within its transaction). */
    public Uni<List<SlotCalculator.Slot>> freeSlots(Doctor doctor, Instant from, Instant to, Instant now) {
        return freeSlots(doctor, from, to, now, null);
    }

    /** As above, ignoring appointment {@code moving} (a reschedule may overlap its own old time). */
    public Uni<List<SlotCalculator.Slot>> freeSlots(Doctor doctor, Instant from, Instant to, Instant now, UUID moving) {
        if (!to.isAfter(from)) {
            return Uni.createFrom().failure(ProblemException.invalidField("to", "must be after from"));
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return Uni.createFrom().failure(ProblemException.invalidField("to", "must be at most 31 days after from"));
        }
        SlotCalculator.Window window = new SlotCalculator.Window(from, to,
                now.plus(Duration.ofMinutes(doctor.minNoticeMinutes)), now.plus(Duration.ofDays(doctor.horizonDays)),
                Duration.ofMinutes(doctor.bufferMinutes));
        return AvailabilityRule.<AvailabilityRule>list("doctorId", doctor.id)
                .chain(rules -> Appointment.<Appointment>list(
                                "doctorId = ?1 and status in ?2 and startsAt < ?3 and blockedUntil > ?4",
                                doctor.id, HOLDING, to.plus(Duration.ofDays(1)), from.minus(Duration.ofDays(1)))
                        .map(booked -> SlotCalculator.slots(
                                rules.stream().map(AvailabilityRule::toWeeklyRule).toList(),
                                List.of(),
                                booked.stream().filter(a -> !a.id.equals(moving))
                                        .map(a -> new SlotCalculator.Busy(a.startsAt, a.blockedUntil)).toList(),
                                window)));
    }

    public Uni<List<SlotCalculator.Slot>> freeSlots(UUID doctorId, Instant from, Instant to) {
        return Panache.withSession(() -> Doctor.<Doctor>find("id = ?1 and active = true", doctorId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Doctor " + doctorId))
                .chain(doctor -> freeSlots(doctor, from, to, Instant.now())));
    }
}
