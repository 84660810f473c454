package org.clinic.scheduling.availability.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.clinic.scheduling.availability.AvailabilityOverride;
import org.clinic.scheduling.availability.AvailabilityRule;
import org.clinic.scheduling.availability.DoctorSchedule;
import org.clinic.scheduling.availability.SlotCalculator;
import org.clinic.scheduling.availability.TimeOff;
import org.clinic.scheduling.catalog.Location;
import org.clinic.scheduling.doctor.Doctor;

/**
 * The schedules of recently booked doctors, kept in this process so that a booking checks its
 * slot without asking PostgreSQL. Nothing here has to be told of changes: the booking's statement
 * compares the kept {@link DoctorSchedule#version()} with the doctor's row, and a booking that
 * finds it moved (a change through any replica, a script, a migration) calls {@link #reload}; so
 * does a booking the kept schedule would refuse, if {@link #isCurrent} says it is no longer current.
 */
@ApplicationScoped
public class DoctorSchedules {

    /** A few KB each: the rules, overrides and future time off of one doctor. */
    private static final int KEPT = 4096;

    private final Map<UUID, DoctorSchedule> kept = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, DoctorSchedule> eldest) {
            return size() > KEPT;
        }
    });
    private final Counter loads;
    private final Pool database;

    public DoctorSchedules(MeterRegistry meters, Pool database) {
        this.database = database;
        this.loads = Counter.builder("clinic.schedule.loads")
                .description("Doctor schedules read from PostgreSQL for bookings (first use, or a version that moved)")
                .register(meters);
    }

    /** The kept schedule of an active doctor, loaded on first use; null item if there is no active doctor. */
    public Uni<DoctorSchedule> get(UUID doctorId) {
        DoctorSchedule schedule = kept.get(doctorId);
        return schedule != null ? Uni.createFrom().item(schedule) : reload(doctorId);
    }

    /** Whether {@code schedule} is still the doctor's (same version, doctor active): one small query. */
    public Uni<Boolean> isCurrent(DoctorSchedule schedule) {
        return database.preparedQuery("select 1 from doctor where id = $1 and active and schedule_version = $2")
                .execute(Tuple.of(schedule.doctorId(), schedule.version()))
                .map(rows -> rows.size() == 1);
    }

    /** Reads the schedule again (its version moved); null item if the doctor is gone or inactive. */
    public Uni<DoctorSchedule> reload(UUID doctorId) {
        loads.increment();
        Instant now = Instant.now();
        // The doctor's row (and its version) first: whatever is read after it is at least as new,
        // so a change in between makes the booking's version check fail rather than pass.
        return Panache.withSession(() -> Doctor.<Doctor>find("id = ?1 and active = true", doctorId).firstResult()
                        .chain(doctor -> doctor == null ? Uni.createFrom().<DoctorSchedule>nullItem()
                                : AvailabilityRule.<AvailabilityRule>list("doctorId", doctorId)
                                .chain(rules -> AvailabilityOverride.<AvailabilityOverride>list("doctorId", doctorId)
                                        .chain(overrides -> TimeOff.<TimeOff>list("doctorId = ?1 and endsAt > ?2", doctorId, now)
                                                .chain(timeOff -> places(rules).map(places -> schedule(doctor, rules, overrides,
                                                        timeOff, places)))))))
                .invoke(schedule -> {
                    if (schedule == null) {
                        kept.remove(doctorId);
                    } else {
                        kept.put(doctorId, schedule);
                    }
                });
    }

    private static Uni<Map<UUID, DoctorSchedule.Place>> places(List<AvailabilityRule> rules) {
        List<UUID> ids = rules.stream().map(rule -> rule.locationId).filter(id -> id != null).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Location.<Location>list("id in ?1", ids).map(locations -> locations.stream()
                .map(l -> new DoctorSchedule.Place(l.id, l.name, l.address))
                .collect(Collectors.toUnmodifiableMap(DoctorSchedule.Place::id, Function.identity())));
    }

    private static DoctorSchedule schedule(Doctor doctor, List<AvailabilityRule> rules, List<AvailabilityOverride> overrides,
                                           List<TimeOff> timeOff, Map<UUID, DoctorSchedule.Place> places) {
        return new DoctorSchedule(doctor.scheduleVersion, doctor.id, doctor.displayName(),
                doctor.firstLanguage(), doctor.email, doctor.requiresAcceptance, doctor.bufferMinutes,
                doctor.minNoticeMinutes, doctor.horizonDays,
                rules.stream().map(AvailabilityRule::toWeeklyRule).toList(),
                overrides.stream().map(AvailabilityOverride::toDateOverride).toList(),
                timeOff.stream().map(off -> new SlotCalculator.Busy(off.startsAt, off.endsAt)).toList(),
                places);
    }
}
