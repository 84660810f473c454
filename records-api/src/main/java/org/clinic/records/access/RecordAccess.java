package org.clinic.records.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.clinic.common.persistence.Sql;
import org.clinic.common.problem.Problem;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.records.careteam.CareTeam;

/**
 * The one way into clinical data. It decides whether the caller may read or write this patient's
 * record (a patient their own, for reading; a doctor while in the care team or under an emergency
 * access; staff and admins never), then runs the work in one transaction that is scoped to the
 * patient for PostgreSQL's row-level security and that appends the audit entries the work asks for.
 */
@ApplicationScoped
public class RecordAccess {

    public enum Need { READ, WRITE }

    private static final String AUDIT = """
            insert into access_audit (id, at, actor_id, actor_role, patient_id, entry_kind, entry_id, action,
                                      request_id, break_glass_reason)
            values (:id, :at, :actor, :role, :patient, nullif(:kind, ''), cast(nullif(:entry, '') as uuid), :action,
                    nullif(:request, ''), nullif(:reason, ''))""";

    private final CareTeam careTeam;

    public RecordAccess(CareTeam careTeam) {
        this.careTeam = careTeam;
    }

    /** Checks access, scopes the transaction to the patient, runs {@code work}. */
    public <T> Uni<T> withRecord(Caller caller, UUID patientId, Need need, Function<Grant, Uni<T>> work) {
        return Panache.withTransaction(() -> decide(caller, patientId, need)
                .call(grant -> scope(patientId))
                .chain(grant -> work.apply(grant)));
    }

    /** Appends one audit entry in the current transaction. */
    public Uni<Void> audit(Grant grant, String action, String kind, UUID entryId) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", UUID.randomUUID());
        p.put("at", Instant.now());
        p.put("actor", grant.actorId());
        p.put("role", grant.role());
        p.put("patient", grant.patientId());
        p.put("kind", kind == null ? "" : kind);
        p.put("entry", entryId == null ? "" : entryId.toString());
        p.put("action", action);
        String traceId = Problem.currentTraceId();
        p.put("request", traceId == null ? "" : traceId);
        p.put("reason", grant.emergencyReasonCiphertext() == null ? "" : grant.emergencyReasonCiphertext());
        return Sql.update(AUDIT, p).replaceWithVoid();
    }

    /** Row-level security reads this setting; it lasts until the transaction ends. */
    private static Uni<Void> scope(UUID patientId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select set_config('clinic.patient_id', :patient, true)", String.class)
                .setParameter("patient", patientId.toString())
                .getSingleResult()).replaceWithVoid();
    }

    private Uni<Grant> decide(Caller caller, UUID patientId, Need need) {
        boolean ownRecord = caller.is(Grant.PATIENT) && patientId.equals(caller.patientId());
        if (caller.is(Grant.DOCTOR) && caller.doctorId() != null && !ownRecord) {
            return asDoctor(caller, patientId);
        }
        if (caller.is(Grant.PATIENT) && caller.patientId() != null) {
            if (!caller.patientId().equals(patientId)) {
                // Another patient's record does not exist as far as this caller is concerned.
                return Uni.createFrom().failure(ProblemException.notFound("Patient " + patientId));
            }
            if (need == Need.WRITE) {
                return Uni.createFrom().failure(ProblemException.forbidden("Patients read their record; their doctors write it"));
            }
            return Uni.createFrom().item(new Grant(caller.patientId(), Grant.PATIENT, patientId, null));
        }
        return Uni.createFrom().failure(ProblemException.forbidden("Staff and admins do not see clinical content"));
    }

    private Uni<Grant> asDoctor(Caller caller, UUID patientId) {
        UUID doctor = caller.doctorId();
        Instant now = Instant.now();
        return careTeam.patientKnown(patientId).chain(known -> {
            if (!known) {
                return Uni.createFrom().<Boolean>failure(ProblemException.notFound("Patient " + patientId));
            }
            return careTeam.doctorActive(doctor);
        }).chain(active -> {
            if (!active) {
                return Uni.createFrom().<Grant>failure(ProblemException.forbidden("This doctor's profile is deactivated"));
            }
            return careTeam.related(doctor, patientId, now).chain(related -> related
                    ? Uni.createFrom().item(new Grant(doctor, Grant.DOCTOR, patientId, null))
                    : careTeam.activeEmergencyReason(doctor, patientId, now).map(reason -> {
                        if (reason == null) {
                            throw new ProblemException(403, "NOT_IN_CARE_TEAM", "Forbidden",
                                    "You are not in this patient's care team; in an emergency, request emergency access");
                        }
                        return new Grant(doctor, Grant.DOCTOR, patientId, reason);
                    }));
        });
    }
}
