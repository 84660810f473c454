package org.clinic.scheduling.patient.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.scheduling.appointment.Appointment;
import org.clinic.common.outbox.OutboxWriter;
import org.clinic.scheduling.patient.Patient;
import org.clinic.scheduling.patient.PatientAccess;
import org.clinic.scheduling.patient.PatientDetails;

/**
 * Patient profiles: patients edit their own, staff and admins anyone's. Nothing is ever deleted:
 * deactivation hides a patient from lists and search while their appointments stay readable.
 */
@ApplicationScoped
public class PatientService {

    private static final String EVENT_PREFIX = "clinic.scheduling.patient.";

    private final OutboxWriter outbox;

    public PatientService(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Everything a client may set on a profile. */
    public record PatientInput(String firstName, String lastName, LocalDate dateOfBirth, String gender, String phone,
                               String email, PatientDetails.Address address, PatientDetails.EmergencyContact emergencyContact,
                               List<PatientDetails.Identifier> identifiers, List<PatientDetails.Coverage> coverages,
                               boolean consentEmail, boolean consentSms, String preferredLanguage) {
    }

    public record SearchFilter(String name, LocalDate dateOfBirth, String phone, String email, String medicalRecordNumber) {
    }

    /** Stores a new profile with its record number and announces it; runs inside the caller's transaction. */
    public Uni<Patient> register(Patient patient) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select 'MRN' || lpad(nextval('patient_mrn_seq')::text, 8, '0')",
                        String.class).getSingleResult())
                .chain(number -> {
                    patient.medicalRecordNumber = number;
                    return patient.<Patient>persist();
                })
                .call(saved -> outbox.append(EVENT_PREFIX + "registered.v1", saved.id.toString(), eventData(saved)));
    }

    public Uni<Patient> create(PatientInput input) {
        Instant now = now();
        Patient patient = new Patient();
        patient.id = UUID.randomUUID();
        patient.active = true;
        patient.createdAt = now;
        apply(patient, input, now);
        return Panache.withTransaction(() -> register(patient));
    }

    /** The profile if the caller may see it (see {@link PatientAccess}); otherwise 404, never revealing existence. */
    public Uni<Patient> get(UUID id, Caller caller) {
        boolean direct = PatientAccess.canRead(caller.roles(), caller.patientId() == null ? null : caller.patientId().toString(), id);
        return Panache.withSession(() -> (direct ? Uni.createFrom().item(true) : treatsPatient(caller, id))
                .chain(allowed -> allowed ? Patient.<Patient>findById(id) : Uni.createFrom().<Patient>nullItem()))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Patient " + id));
    }

    /** A doctor sees the patients they have (or had) an appointment with. */
    private static Uni<Boolean> treatsPatient(Caller caller, UUID patientId) {
        if (!caller.is("DOCTOR") || caller.doctorId() == null) {
            return Uni.createFrom().item(false);
        }
        return Appointment.count("doctorId = ?1 and patientId = ?2", caller.doctorId(), patientId).map(n -> n > 0);
    }

    /** Replaces the profile if {@code expectedVersion} is still current (else 412). */
    public Uni<Patient> update(UUID id, int expectedVersion, PatientInput input, Caller caller) {
        return Panache.withTransaction(() -> get(id, caller).chain(patient -> {
            if (!patient.active) {
                return Uni.createFrom().failure(ProblemException.notFound("Patient " + id));
            }
            if (patient.version != expectedVersion) {
                return Uni.createFrom().failure(ProblemException.stale(
                        "The patient changed since you read it; read it again (If-Match must carry its current ETag)"));
            }
            apply(patient, input, now());
            return Panache.flush()
                    .chain(() -> outbox.append(EVENT_PREFIX + "updated.v1", patient.id.toString(), eventData(patient)))
                    .replaceWith(patient);
        }));
    }

    public Uni<Void> deactivate(UUID id) {
        return Panache.withTransaction(() -> Patient.<Patient>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Patient " + id))
                .chain(patient -> {
                    if (!patient.active) {
                        return Uni.createFrom().voidItem();
                    }
                    patient.active = false;
                    patient.updatedAt = now();
                    return outbox.append(EVENT_PREFIX + "deactivated.v1", patient.id.toString(),
                            Map.of("patientId", patient.id)).replaceWithVoid();
                }));
    }

    /** Active patients matching every given filter, by name. */
    public Uni<Page<Patient>> search(SearchFilter filter, int page, int size) {
        List<String> where = new ArrayList<>(List.of("active = true"));
        Parameters parameters = new Parameters();
        if (filter.name() != null && !filter.name().isBlank()) {
            where.add("(lower(firstName) like :name or lower(lastName) like :name)");
            parameters.and("name", "%" + filter.name().trim().toLowerCase(Locale.ROOT) + "%");
        }
        if (filter.dateOfBirth() != null) {
            where.add("dateOfBirth = :birth");
            parameters.and("birth", filter.dateOfBirth());
        }
        if (filter.phone() != null && !filter.phone().isBlank()) {
            where.add("phone like :phone");
            parameters.and("phone", "%" + filter.phone().trim() + "%");
        }
        if (filter.email() != null && !filter.email().isBlank()) {
            where.add("lower(email) = :email");
            parameters.and("email", filter.email().trim().toLowerCase(Locale.ROOT));
        }
        if (filter.medicalRecordNumber() != null && !filter.medicalRecordNumber().isBlank()) {
            where.add("medicalRecordNumber = :mrn");
            parameters.and("mrn", filter.medicalRecordNumber().trim());
        }
        String query = String.join(" and ", where) + " order by lastName, firstName, id";
        return Panache.withSession(() -> {
            var found = Patient.<Patient>find(query, parameters).page(page, size);
            return Page.fetch(found, page, size);
        });
    }

    private static void apply(Patient patient, PatientInput input, Instant now) {
        patient.firstName = input.firstName().trim();
        patient.lastName = input.lastName().trim();
        patient.dateOfBirth = input.dateOfBirth();
        patient.gender = input.gender();
        patient.phone = input.phone();
        patient.email = input.email() == null ? null : input.email().trim().toLowerCase(Locale.ROOT);
        patient.address = input.address();
        patient.emergencyContact = input.emergencyContact();
        patient.identifiers = input.identifiers() == null ? new ArrayList<>() : new ArrayList<>(input.identifiers());
        patient.coverages = input.coverages() == null ? new ArrayList<>() : new ArrayList<>(input.coverages());
        patient.consentEmail = input.consentEmail();
        patient.consentSms = input.consentSms();
        patient.preferredLanguage = input.preferredLanguage();
        patient.updatedAt = now;
    }

    /** Contacts travel only on the channels the patient consented to. See deploy/events.md. */
    public static Map<String, Object> eventData(Patient p) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("patientId", p.id);
        data.put("firstName", p.firstName);
        data.put("lastName", p.lastName);
        data.put("preferredLanguage", p.preferredLanguage == null ? "en" : p.preferredLanguage);
        Map<String, Object> contact = new LinkedHashMap<>();
        if (p.consentEmail && p.email != null) {
            contact.put("email", p.email);
        }
        if (p.consentSms && p.phone != null) {
            contact.put("sms", p.phone);
        }
        data.put("contact", contact);
        return data;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
