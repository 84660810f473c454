package org.clinic.records.access;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.persistence.Sql;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.records.RecordsConfig;
import org.clinic.records.careteam.CareTeam;
import org.clinic.records.crypto.FieldCipher;
import org.clinic.records.events.RecordEvents;

/**
 * "Break the glass": a doctor outside the care team opens a record in an emergency. It needs a
 * reason, lasts {@code clinic.records.emergency-access}, is audited, and raises
 * {@code records.access.emergency} so that the patient is told.
 */
@ApplicationScoped
public class EmergencyAccessService {

    private static final String INSERT = """
            insert into emergency_access (id, doctor_id, patient_id, reason, started_at, expires_at)
            values (:id, :doctor, :patient, :reason, :start, :end)""";

    private final CareTeam careTeam;
    private final RecordAccess access;
    private final FieldCipher cipher;
    private final RecordEvents events;
    private final RecordsConfig config;

    public EmergencyAccessService(CareTeam careTeam, RecordAccess access, FieldCipher cipher, RecordEvents events,
                                  RecordsConfig config) {
        this.careTeam = careTeam;
        this.access = access;
        this.cipher = cipher;
        this.events = events;
        this.config = config;
    }

    /** The access as the API shows it. */
    public record Opened(UUID id, UUID patientId, Instant startedAt, Instant expiresAt) {
    }

    public Uni<Opened> open(UUID patientId, String reason, Caller caller) {
        if (!caller.is(Grant.DOCTOR) || caller.doctorId() == null) {
            return Uni.createFrom().failure(ProblemException.forbidden("Only doctors may request emergency access"));
        }
        UUID doctor = caller.doctorId();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant end = now.plus(config.emergencyAccess());
        UUID id = UUID.randomUUID();
        String sealedReason = cipher.encrypt(reason, reasonContext(patientId, doctor));
        return Panache.withTransaction(() -> careTeam.patientKnown(patientId)
                .chain(known -> careTeam.doctorActive(doctor).map(active -> {
                    if (!known) {
                        throw ProblemException.notFound("Patient " + patientId);
                    }
                    if (!active) {
                        throw ProblemException.forbidden("This doctor's profile is deactivated");
                    }
                    return doctor;
                }))
                .chain(() -> Sql.update(INSERT, Map.of("id", id, "doctor", doctor, "patient", patientId,
                        "reason", sealedReason, "start", now, "end", end)))
                .call(() -> access.audit(new Grant(doctor, Grant.DOCTOR, patientId, sealedReason), "EMERGENCY_ACCESS", null, null))
                .call(() -> events.emergencyAccess(id, patientId, doctor, now, end))
                .replaceWith(new Opened(id, patientId, now, end)));
    }

    /** Associated data of an emergency reason: the same for the access row and every audit entry. */
    public static String reasonContext(UUID patientId, UUID doctorId) {
        return "emergency-reason:" + patientId + ":" + doctorId;
    }
}
