package org.clinic.scheduling.availability.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.clinic.common.cache.VersionedCache;
import org.clinic.common.problem.ProblemException;

import org.clinic.scheduling.appointment.AppointmentStatus;
import org.clinic.scheduling.availability.AvailabilityOverride;
import org.clinic.scheduling.availability.AvailabilityRule;

import org.clinic.scheduling.availability.SlotCalculator;
import org.clinic.scheduling.doctor.Doctor;

/** Free slots of a doctor: rules minus booked time (with buffers), the past, the notice and the horizon. */
@ApplicationScoped
public class SlotService {

    private final SlotCache cache;

    public SlotService(SlotCache cache) {
        this.cache = cache;
    }

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
        SlotCalculator.Window window = window(doctor, from, to, now);
        return AvailabilityRule.<AvailabilityRule>list("doctorId", doctor.id)
                .chain(rules -> AvailabilityOverride.<AvailabilityOverride>list("doctorId", doctor.id)
                        .chain(overrides -> busy(List.of(doctor.id), from, to, moving)
                                .map(busy -> SlotCalculator.slots(
                                        rules.stream().map(AvailabilityRule::toWeeklyRule).toList(),
                                        overrides.stream().map(AvailabilityOverride::toDateOverride).toList(),
                                        busy.getOrDefault(doctor.id, List.of()),
                                        window))));
    }

    /**
     * Booked time (with buffers) and time off per doctor, around a window. Read as plain values,
     * not entities: a booking's transaction would otherwise hydrate and dirty-check every
     * appointment of the doctor's day at flush (the largest cost of a booking before this).
     */
    private static Uni<java.util.Map<UUID, List<SlotCalculator.Busy>>> busy(List<UUID> doctorIds, Instant from, Instant to,
                                                                             UUID movingAppointment) {
        Instant before = from.minus(Duration.ofDays(1));
        Instant after = to.plus(Duration.ofDays(1));
        return Panache.getSession().chain(session -> session.createSelectionQuery("""
                        select a.doctorId, a.startsAt, a.blockedUntil from Appointment a
                        where a.doctorId in :doctors and a.status in :holding and a.startsAt < :after and a.blockedUntil > :before
                          and a.id <> :moving""", Object[].class)
                .setParameter("doctors", doctorIds).setParameter("holding", HOLDING)
                .setParameter("after", after).setParameter("before", before)
                // no appointment has the nil id: "moving nothing" needs no second query text
                .setParameter("moving", movingAppointment == null ? new UUID(0, 0) : movingAppointment)
                .getResultList()
                .chain(booked -> session.createSelectionQuery("""
                                select t.doctorId, t.startsAt, t.endsAt from TimeOff t
                                where t.doctorId in :doctors and t.startsAt < :after and t.endsAt > :before""", Object[].class)
                        .setParameter("doctors", doctorIds).setParameter("after", after).setParameter("before", before)
                        .getResultList()
                        .map(off -> {
                            java.util.Map<UUID, List<SlotCalculator.Busy>> byDoctor = new java.util.HashMap<>();
                            java.util.stream.Stream.concat(booked.stream(), off.stream()).forEach(row -> byDoctor
                                    .computeIfAbsent((UUID) row[0], k -> new java.util.ArrayList<>())
                                    .add(new SlotCalculator.Busy((Instant) row[1], (Instant) row[2])));
                            return byDoctor;
                        })));
    }

    /** A free slot with the doctor it belongs to. */
    public record DoctorSlot(Doctor doctor, SlotCalculator.Slot slot) {
    }

    /**
     * The earliest free slots across the active doctors of a specialization (optionally at one
     * location). Each doctor's slots come from {@link SlotCache} over the window widened to whole
     * hours (so every search of the hour shares them); the doctors that miss are computed together
     * in four queries, whatever their number, and cached for the next search.
     */
    public Uni<List<DoctorSlot>> nextAvailable(UUID specializationId, UUID locationId, String type, Instant from, Instant to,
                                               int limit) {
        if (!to.isAfter(from)) {
            return Uni.createFrom().failure(ProblemException.invalidField("to", "must be after from"));
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return Uni.createFrom().failure(ProblemException.invalidField("to", "must be at most 31 days after from"));
        }
        Instant now = Instant.now();
        Instant hourFrom = from.truncatedTo(ChronoUnit.HOURS);
        Instant hourTo = to.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        boolean widen = Duration.between(hourFrom, hourTo).compareTo(MAX_WINDOW) <= 0;
        Instant wideFrom = widen ? hourFrom : from;
        Instant wideTo = widen ? hourTo : to;
        return Panache.withSession(() -> Doctor.<Doctor>list("?1 member of specializationIds and active = true", specializationId)
                .chain(doctors -> {
                    if (doctors.isEmpty()) {
                        return Uni.createFrom().item(List.<DoctorSlot>of());
                    }
                    return cache.lookupAll(doctors.stream().map(d -> d.id).toList(), wideFrom, wideTo)
                            .chain(found -> withMissesComputed(doctors, found, wideFrom, wideTo, now))
                            .map(entries -> {
                                List<DoctorSlot> slots = new java.util.ArrayList<>();
                                for (int i = 0; i < doctors.size(); i++) {
                                    Doctor doctor = doctors.get(i);
                                    SlotCache.Entry entry = entries.get(i);
                                    Instant earliest = now.plus(Duration.ofMinutes(entry.minNoticeMinutes()));
                                    Instant latest = now.plus(Duration.ofDays(entry.horizonDays()));
                                    int taken = 0;
                                    for (SlotCalculator.Slot slot : entry.slots()) { // earliest first
                                        Instant start = slot.start().toInstant();
                                        if (!start.isBefore(to) || start.isAfter(latest) || taken == limit) {
                                            break;
                                        }
                                        if (!start.isBefore(from) && !start.isBefore(earliest) && slot.offers(type)
                                                && (locationId == null || locationId.equals(slot.locationId()))) {
                                            slots.add(new DoctorSlot(doctor, slot));
                                            taken++;
                                        }
                                    }
                                }
                                return slots.stream()
                                        .sorted(java.util.Comparator.comparing((DoctorSlot ds) -> ds.slot().start().toInstant())
                                                .thenComparing(ds -> ds.doctor().id.toString()))
                                        .limit(limit)
                                        .toList();
                            });
                }));
    }

    /**
     * Every doctor's entry, in the order of {@code doctors}: the cached ones as found, the missing
     * ones computed together (rules, overrides, appointments, time off: four queries) and cached.
     */
    private Uni<List<SlotCache.Entry>> withMissesComputed(List<Doctor> doctors, List<VersionedCache.Lookup<SlotCache.Entry>> found,
                                                         Instant from, Instant to, Instant now) {
        List<UUID> missing = new java.util.ArrayList<>();
        for (int i = 0; i < doctors.size(); i++) {
            if (found.get(i).value() == null) {
                missing.add(doctors.get(i).id);
            }
        }
        if (missing.isEmpty()) {
            return Uni.createFrom().item(found.stream().map(VersionedCache.Lookup::value).toList());
        }
        return AvailabilityRule.<AvailabilityRule>list("doctorId in ?1", missing)
                .chain(rules -> AvailabilityOverride.<AvailabilityOverride>list("doctorId in ?1", missing)
                        .chain(overrides -> busy(missing, from, to, null).chain(busyByDoctor -> {
                            var rulesByDoctor = rules.stream().collect(java.util.stream.Collectors.groupingBy(r -> r.doctorId));
                            var overridesByDoctor = overrides.stream().collect(java.util.stream.Collectors.groupingBy(o -> o.doctorId,
                                    java.util.stream.Collectors.mapping(AvailabilityOverride::toDateOverride,
                                            java.util.stream.Collectors.toList())));
                            List<SlotCache.Entry> entries = new java.util.ArrayList<>();
                            List<Uni<Void>> stores = new java.util.ArrayList<>();
                            for (int i = 0; i < doctors.size(); i++) {
                                Doctor doctor = doctors.get(i);
                                if (found.get(i).value() != null) {
                                    entries.add(found.get(i).value());
                                    continue;
                                }
                                SlotCache.Entry computed = new SlotCache.Entry(doctor.minNoticeMinutes, doctor.horizonDays,
                                        SlotCalculator.slots(
                                                rulesByDoctor.getOrDefault(doctor.id, List.of()).stream()
                                                        .map(AvailabilityRule::toWeeklyRule).toList(),
                                                overridesByDoctor.getOrDefault(doctor.id, List.of()),
                                                busyByDoctor.getOrDefault(doctor.id, List.of()),
                                                window(doctor, from, to, now)));
                                entries.add(computed);
                                stores.add(cache.put(found.get(i), computed));
                            }
                            return Uni.join().all(stores).andFailFast().replaceWith(entries);
                        })));
    }

    private static SlotCalculator.Window window(Doctor doctor, Instant from, Instant to, Instant now) {
        return new SlotCalculator.Window(from, to, now.plus(Duration.ofMinutes(doctor.minNoticeMinutes)),
                now.plus(Duration.ofDays(doctor.horizonDays)), Duration.ofMinutes(doctor.bufferMinutes));
    }

    /**
     * A doctor's free slots for a search (not for booking), through {@link SlotCache}: the window is
     * widened to whole minutes so that searches share entries, and the cached list is cut back to
     * the window, the notice and the horizon as of now. A hit asks PostgreSQL nothing.
     */
    public Uni<List<SlotCalculator.Slot>> freeSlots(UUID doctorId, Instant from, Instant to) {
        Instant now = Instant.now();
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            return Panache.withSession(() -> activeDoctor(doctorId).chain(doctor -> freeSlots(doctor, from, to, now))); // the problem
        }
        Instant wideFrom = from.truncatedTo(ChronoUnit.MINUTES);
        Instant wideTo = to.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        return cache.get(doctorId, wideFrom, wideTo, () -> Panache.withSession(() -> activeDoctor(doctorId)
                        .chain(doctor -> freeSlots(doctor, wideFrom, wideTo, now)
                                .map(slots -> new SlotCache.Entry(doctor.minNoticeMinutes, doctor.horizonDays, slots)))))
                .map(entry -> {
                    Instant earliest = now.plus(Duration.ofMinutes(entry.minNoticeMinutes()));
                    Instant latest = now.plus(Duration.ofDays(entry.horizonDays()));
                    return entry.slots().stream().filter(slot -> {
                        Instant start = slot.start().toInstant();
                        return !start.isBefore(from) && start.isBefore(to) && !start.isBefore(earliest) && !start.isAfter(latest);
                    }).toList();
                });
    }

    private static Uni<Doctor> activeDoctor(UUID doctorId) {
        return Doctor.<Doctor>find("id = ?1 and active = true", doctorId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Doctor " + doctorId));
    }
}
