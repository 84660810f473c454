package org.clinic.records.careteam;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.clinic.common.persistence.Sql;
import org.clinic.common.problem.ProblemException;
import org.clinic.records.access.Grant;
import org.clinic.records.RecordsConfig;

/** Who belongs to a patient's care team, from the care-team projection. */
@ApplicationScoped
public class CareTeam {

    /** Appointments in these states relate a doctor and a patient; the others never happened. */
    static final String RELATING_STATUSES = "('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW')";

    private final RecordsConfig config;

    public CareTeam(RecordsConfig config) {
        this.config = config;
    }

    /** Related now: an appointment between them that has not ended more than the care window ago. */
    public Uni<Boolean> related(UUID doctorId, UUID patientId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from care_appointment where doctor_id = :doctor and patient_id = :patient "
                                + "and status in " + RELATING_STATUSES + " and ends_at >= :since", Long.class)
                .setParameter("doctor", doctorId)
                .setParameter("patient", patientId)
                .setParameter("since", Sql.timestamp(now.minus(config.careWindow())))
                .getSingleResult()
                .map(count -> count > 0));
    }

    /** The (encrypted) reason of the doctor's emergency access to the patient running now, or {@code null}. */
    public Uni<String> activeEmergencyReason(UUID doctorId, UUID patientId, Instant now) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select reason from emergency_access where doctor_id = :doctor and patient_id = :patient "
                                + "and expires_at > :now order by expires_at desc limit 1", String.class)
                .setParameter("doctor", doctorId)
                .setParameter("patient", patientId)
                .setParameter("now", Sql.timestamp(now))
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : rows.get(0)));
    }

    /** Known from a scheduling event (a registration or an appointment). */
    public Uni<Boolean> patientKnown(UUID patientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from patient_directory where patient_id = :patient", Long.class)
                .setParameter("patient", patientId)
                .getSingleResult()
                .map(count -> count > 0));
    }

    /** False once scheduling deactivated the doctor; true when records-api knows nothing else. */
    public Uni<Boolean> doctorActive(UUID doctorId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from doctor_directory where doctor_id = :doctor and not active", Long.class)
                .setParameter("doctor", doctorId)
                .getSingleResult()
                .map(inactive -> inactive == 0));
    }

    /** The doctor's display name as scheduling last announced it ("" when unknown). */
    public Uni<String> doctorName(UUID doctorId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select name from doctor_directory where doctor_id = :doctor", String.class)
                .setParameter("doctor", doctorId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? "" : rows.get(0)));
    }

    /**
     * The start of the visit a record entry comes from, after checking it: the appointment must be
     * known, of this patient, and the writing doctor's own. {@code null} for no appointment.
     */
    public Uni<Instant> visitOf(UUID appointmentId, Grant grant) {
        if (appointmentId == null) {
            return Uni.createFrom().nullItem();
        }
        return appointment(appointmentId).map(appointment -> {
            if (appointment == null || !appointment.patientId.equals(grant.patientId())) {
                throw ProblemException.notFound("Appointment " + appointmentId + " of this patient");
            }
            if (!appointment.doctorId.equals(grant.actorId())) {
                throw ProblemException.forbidden("Only the doctor of that appointment writes entries for it");
            }
            return appointment.startsAt;
        });
    }

    /** The appointment, when records-api knows it, or {@code null}. */
    public Uni<CareAppointment> appointment(UUID appointmentId) {
        return CareAppointment.findById(appointmentId);
    }
}
