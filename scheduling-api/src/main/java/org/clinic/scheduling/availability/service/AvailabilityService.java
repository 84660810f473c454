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
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.scheduling.availability.AvailabilityRule;
import org.clinic.scheduling.catalog.Location;
import org.clinic.scheduling.catalog.service.LocationService;
import org.clinic.scheduling.doctor.Doctor;

/** Weekly availability rules: a doctor edits their own, staff and admins anyone's. */
@ApplicationScoped
public class AvailabilityService {

    public record NewRule(DayOfWeek dayOfWeek, LocalTime startTime, LocalTime endTime, int slotMinutes,
                          UUID locationId, boolean telehealth, String timeZone, LocalDate validFrom, LocalDate validUntil) {
    }

    @WithTransaction
    public Uni<AvailabilityRule> addRule(UUID doctorId, NewRule request, Caller caller) {
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
                .chain(location -> {
                    AvailabilityRule rule = new AvailabilityRule();
                    rule.id = UUID.randomUUID();
                    rule.doctorId = doctorId;
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
                    rule.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return AvailabilityRule.<AvailabilityRule>list("doctorId", doctorId).chain(existing -> {
                        if (existing.stream().anyMatch(rule::overlaps)) {
                            return Uni.createFrom().failure(ProblemException.conflict("RULE_OVERLAP",
                                    "The doctor already has a rule covering part of these hours on that day"));
                        }
                        return rule.<AvailabilityRule>persist();
                    });
                });
    }

    @WithSession
    public Uni<List<AvailabilityRule>> rules(UUID doctorId) {
        return AvailabilityRule.list("doctorId = ?1 order by dayOfWeek, startTime", doctorId);
    }

    @WithTransaction
    public Uni<Void> deleteRule(UUID doctorId, UUID ruleId, Caller caller) {
        requireMayEdit(doctorId, caller);
        return AvailabilityRule.delete("id = ?1 and doctorId = ?2", ruleId, doctorId)
                .chain(deleted -> deleted == 0
                        ? Uni.createFrom().failure(ProblemException.notFound("Availability rule " + ruleId))
                        : Uni.createFrom().voidItem());
    }

    private static void requireMayEdit(UUID doctorId, Caller caller) {
        if (!caller.isClinicStaff() && !(caller.is("DOCTOR") && doctorId.equals(caller.doctorId()))) {
            throw new ProblemException(403, "FORBIDDEN", "Forbidden", "Only the doctor, staff or admins edit this availability");
        }
    }
}
