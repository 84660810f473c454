package org.clinic.scheduling.availability.service;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.clinic.common.paging.Versions;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.scheduling.availability.AvailabilityOverride;
import org.clinic.scheduling.availability.AvailabilityRule;
import org.clinic.scheduling.availability.TimeOff;
import org.clinic.scheduling.catalog.Location;
import org.clinic.scheduling.catalog.service.LocationService;
import org.clinic.scheduling.doctor.Doctor;

/** Weekly availability rules: a doctor edits their own, staff and admins anyone's. */
@ApplicationScoped
public class AvailabilityService {

    public record NewRule(DayOfWeek dayOfWeek, LocalTime startTime, LocalTime endTime, int slotMinutes,
                          UUID locationId, boolean telehealth, String timeZone, LocalDate validFrom, LocalDate validUntil,
                          java.util.Set<String> appointmentTypes) {
    }

    @WithTransaction
    public Uni<AvailabilityRule> addRule(UUID doctorId, NewRule request, Caller caller) {
        return saveRule(doctorId, null, null, request, caller);
    }

    /** Replaces a rule if {@code expectedVersion} is still current (else 412). */
    @WithTransaction
    public Uni<AvailabilityRule> updateRule(UUID doctorId, UUID ruleId, int expectedVersion, NewRule request, Caller caller) {
        return saveRule(doctorId, ruleId, expectedVersion, request, caller);
    }

    private Uni<AvailabilityRule> saveRule(UUID doctorId, UUID ruleId, Integer expectedVersion, NewRule request, Caller caller) {
        requireMayEdit(doctorId, caller);
        if (!request.endTime().isAfter(request.startTime())) {
            return Uni.createFrom().failure(ProblemException.invalidField("endTime", "must be after startTime"));
        }
        long minutes = Duration.between(request.startTime(), request.endTime()).toMinutes();
        if (minutes % request.slotMinutes() != 0) {
            return Uni.createFrom().failure(ProblemException.invalidField("slotMinutes",
                    "must divide the " + minutes + " minutes between startTime and endTime"));
        }
        if (request.validUntil() != null && request.validFrom() != null && request.validUntil().isBefore(request.validFrom())) {
            return Uni.createFrom().failure(ProblemException.invalidField("validUntil", "must not be before validFrom"));
        }
        if (!request.telehealth() && request.locationId() == null) {
            return Uni.createFrom().failure(ProblemException.invalidField("locationId", "is required unless telehealth"));
        }
        return Doctor.<Doctor>find("id = ?1 and active = true", doctorId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Doctor " + doctorId))
                .chain(doctor -> request.locationId() == null
                        ? Uni.createFrom().<Location>nullItem()
                        : Location.<Location>findById(request.locationId())
                                .onItem().ifNull().failWith(() -> ProblemException.invalidField("locationId", "is not a known location")))
                .chain(location -> (ruleId == null
                        ? Uni.createFrom().item(newRule(doctorId))
                        : AvailabilityRule.<AvailabilityRule>find("id = ?1 and doctorId = ?2", ruleId, doctorId).firstResult()
                                .onItem().ifNull().failWith(() -> ProblemException.notFound("Availability rule " + ruleId))
                                .invoke(existing -> Versions.requireCurrent(existing.version, expectedVersion, "rule")))
                        .invoke(rule -> {
                            // A rule at a location retired since keeps it; new hours there are refused.
                            if (location != null && location.retired() && !location.id.equals(rule.locationId)) {
                                throw ProblemException.invalidField("locationId", "is a retired location");
                            }
                        })
                        .map(rule -> {
                            rule.dayOfWeek = (short) request.dayOfWeek().getValue();
                            rule.startTime = request.startTime();
                            rule.endTime = request.endTime();
                            rule.slotMinutes = request.slotMinutes();
                            rule.locationId = request.locationId();
                            rule.telehealth = request.telehealth();
                            String zone = request.timeZone() != null ? request.timeZone() : location == null ? null : location.timeZone;
                            rule.timeZone = LocationService.requireZone("timeZone", zone).getId();
                            rule.validFrom = request.validFrom() != null ? request.validFrom() : LocalDate.now(java.time.ZoneId.of(rule.timeZone));
                            rule.validUntil = request.validUntil();
                            rule.appointmentTypes = request.appointmentTypes() == null ? ""
                                    : String.join(",", new java.util.TreeSet<>(request.appointmentTypes()));
                            return rule;
                        }))
                .chain(rule -> AvailabilityRule.<AvailabilityRule>list("doctorId = ?1 and id <> ?2", doctorId, rule.id)
                        .chain(others -> {
                            if (others.stream().anyMatch(rule::overlaps)) {
                                return Uni.createFrom().failure(ProblemException.conflict("RULE_OVERLAP",
                                        "The doctor already has a rule covering part of these hours on that day"));
                            }
                            return ruleId == null ? rule.<AvailabilityRule>persist()
                                    : io.quarkus.hibernate.reactive.panache.Panache.flush().replaceWith(rule);
                        }));
    }

    private static AvailabilityRule newRule(UUID doctorId) {
        AvailabilityRule rule = new AvailabilityRule();
        rule.id = UUID.randomUUID();
        rule.doctorId = doctorId;
        rule.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return rule;
    }

    @WithSession
    public Uni<List<AvailabilityRule>> rules(UUID doctorId) {
        return AvailabilityRule.list("doctorId = ?1 order by dayOfWeek, startTime", doctorId);
    }

    @WithTransaction
    public Uni<Void> deleteRule(UUID doctorId, UUID ruleId, Caller caller) {
        requireMayEdit(doctorId, caller);
        return deletedOrNotFound(AvailabilityRule.delete("id = ?1 and doctorId = ?2", ruleId, doctorId), "Availability rule " + ruleId);
    }

    /** Other hours on one date, or closed that day (both times null); one override per date. */
    @WithTransaction
    public Uni<AvailabilityOverride> addOverride(UUID doctorId, LocalDate date, LocalTime start, LocalTime end,
                                                String reason, Caller caller) {
        requireMayEdit(doctorId, caller);
        if ((start == null) != (end == null)) {
            return Uni.createFrom().failure(ProblemException.invalidField(start == null ? "startTime" : "endTime",
                    "give both times for other hours, or neither for a closed day"));
        }
        if (start != null && !end.isAfter(start)) {
            return Uni.createFrom().failure(ProblemException.invalidField("endTime", "must be after startTime"));
        }
        return requireDoctor(doctorId)
                .chain(() -> AvailabilityOverride.count("doctorId = ?1 and date = ?2", doctorId, date))
                .chain(existing -> {
                    if (existing > 0) {
                        return Uni.createFrom().failure(ProblemException.conflict("OVERRIDE_EXISTS",
                                "That date already has an override; delete it first"));
                    }
                    AvailabilityOverride override = new AvailabilityOverride();
                    override.id = UUID.randomUUID();
                    override.doctorId = doctorId;
                    override.date = date;
                    override.startTime = start;
                    override.endTime = end;
                    override.reason = reason;
                    override.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return override.<AvailabilityOverride>persist();
                });
    }

    @WithSession
    public Uni<List<AvailabilityOverride>> overrides(UUID doctorId) {
        return AvailabilityOverride.list("doctorId = ?1 order by date", doctorId);
    }

    @WithTransaction
    public Uni<Void> deleteOverride(UUID doctorId, UUID overrideId, Caller caller) {
        requireMayEdit(doctorId, caller);
        return deletedOrNotFound(AvailabilityOverride.delete("id = ?1 and doctorId = ?2", overrideId, doctorId), "Override " + overrideId);
    }

    @WithTransaction
    public Uni<TimeOff> addTimeOff(UUID doctorId, Instant start, Instant end, String reason, Caller caller) {
        requireMayEdit(doctorId, caller);
        if (!end.isAfter(start)) {
            return Uni.createFrom().failure(ProblemException.invalidField("end", "must be after start"));
        }
        return requireDoctor(doctorId).chain(() -> {
            TimeOff off = new TimeOff();
            off.id = UUID.randomUUID();
            off.doctorId = doctorId;
            off.startsAt = start;
            off.endsAt = end;
            off.reason = reason;
            off.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return off.<TimeOff>persist();
        });
    }

    @WithSession
    public Uni<List<TimeOff>> timeOff(UUID doctorId) {
        return TimeOff.list("doctorId = ?1 order by startsAt", doctorId);
    }

    @WithTransaction
    public Uni<Void> deleteTimeOff(UUID doctorId, UUID timeOffId, Caller caller) {
        requireMayEdit(doctorId, caller);
        return deletedOrNotFound(TimeOff.delete("id = ?1 and doctorId = ?2", timeOffId, doctorId), "Time off " + timeOffId);
    }

    /** A delete scoped to the doctor that removed nothing means the item is not theirs, or gone: 404. */
    private static Uni<Void> deletedOrNotFound(Uni<Long> deletion, String what) {
        return deletion.chain(deleted -> deleted == 0
                ? Uni.createFrom().failure(ProblemException.notFound(what))
                : Uni.createFrom().voidItem());
    }

    private static Uni<Void> requireDoctor(UUID doctorId) {
        return Doctor.count("id = ?1 and active = true", doctorId).chain(found -> found == 0
                ? Uni.createFrom().failure(ProblemException.notFound("Doctor " + doctorId))
                : Uni.createFrom().voidItem());
    }

    private static void requireMayEdit(UUID doctorId, Caller caller) {
        if (!caller.isClinicStaff() && !(caller.is("DOCTOR") && doctorId.equals(caller.doctorId()))) {
            throw ProblemException.forbidden("Only the doctor, staff or admins edit this availability");
        }
    }
}
