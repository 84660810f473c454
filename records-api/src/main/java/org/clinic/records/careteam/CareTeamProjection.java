package org.clinic.records.careteam;

import static org.clinic.common.events.EventData.required;
import static org.clinic.common.events.EventData.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.events.MalformedEventException;
import org.clinic.common.persistence.Sql;

/**
 * Builds the care-team projection and the directory of names from scheduling events, inside the
 * event inbox's transaction. Every upsert keeps the newest state: an event older than what a row
 * already reflects (redelivered or overtaken) changes nothing, so duplicates and reordering leave
 * the projection correct. Only the lifecycle events ({@code deactivated}) change whether a person
 * is active; an appointment event never reactivates anyone.
 */
@ApplicationScoped
public class CareTeamProjection {

    private static final String UPSERT_APPOINTMENT = """
            insert into care_appointment (appointment_id, doctor_id, patient_id, status, starts_at, ends_at, last_event_time)
            values (:id, :doctor, :patient, :status, :start, :end, :asOf)
            on conflict (appointment_id) do update
               set status = excluded.status, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                   last_event_time = excluded.last_event_time
             where care_appointment.last_event_time <= excluded.last_event_time""";
    private static final String UPSERT_PATIENT = """
            insert into patient_directory (patient_id, first_name, last_name, active, as_of)
            values (:id, :first, :last, :active, :asOf)
            on conflict (patient_id) do update
               set first_name = excluded.first_name, last_name = excluded.last_name, as_of = excluded.as_of
             where patient_directory.as_of <= excluded.as_of""";
    private static final String UPSERT_DOCTOR = """
            insert into doctor_directory (doctor_id, name, license_number, active, as_of)
            values (:id, :name, :license, :active, :asOf)
            on conflict (doctor_id) do update
               set name = excluded.name, as_of = excluded.as_of,
                   license_number = case when excluded.license_number = '' then doctor_directory.license_number
                                         else excluded.license_number end
             where doctor_directory.as_of <= excluded.as_of""";

    private final MeterRegistry meters;

    public CareTeamProjection(MeterRegistry meters) {
        this.meters = meters;
    }

    public Uni<Void> apply(CloudEvent event) {
        String key;
        try {
            key = event.routingKey();
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
        JsonNode data = event.data() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : event.data();
        Instant asOf = event.time() == null ? Instant.now() : event.time().toInstant();
        try {
            if (key.startsWith("scheduling.appointment.")) {
                return appointment(data, asOf);
            }
            if (key.startsWith("scheduling.patient.")) {
                return patient(data, key.endsWith(".deactivated"), asOf);
            }
            if (key.startsWith("scheduling.doctor.")) {
                return doctor(data, key.endsWith(".deactivated"), asOf);
            }
        } catch (DateTimeException | IllegalArgumentException e) {
            throw new MalformedEventException("Event " + event.id() + " has unusable data: " + e.getClass().getSimpleName());
        }
        meters.counter("clinic.events.ignored", "type", event.type()).increment();
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> appointment(JsonNode data, Instant asOf) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", uuid(data, "appointmentId"));
        p.put("doctor", uuid(data, "doctor.id"));
        p.put("patient", uuid(data, "patient.id"));
        p.put("status", required(data, "status"));
        p.put("start", OffsetDateTime.parse(required(data, "start")).toInstant());
        p.put("end", OffsetDateTime.parse(required(data, "end")).toInstant());
        p.put("asOf", asOf);
        JsonNode patient = data.path("patient");
        JsonNode doctor = data.path("doctor");
        return Sql.update(UPSERT_APPOINTMENT, p)
                .chain(() -> upsertPatient(uuid(data, "patient.id"), patient.path("firstName").asText(""),
                        patient.path("lastName").asText(""), true, asOf))
                .chain(() -> upsertDoctor(uuid(data, "doctor.id"), doctor.path("name").asText(""), "", asOf));
    }

    private Uni<Void> patient(JsonNode data, boolean deactivated, Instant asOf) {
        return upsertPatient(uuid(data, "patientId"), data.path("firstName").asText(""), data.path("lastName").asText(""),
                !deactivated, asOf);
    }

    private Uni<Void> doctor(JsonNode data, boolean deactivated, Instant asOf) {
        UUID id = uuid(data, "doctorId");
        if (deactivated) {
            return Sql.update("update doctor_directory set active = false, as_of = :asOf where doctor_id = :id and as_of <= :asOf",
                    Map.of("id", id, "asOf", asOf)).replaceWithVoid();
        }
        return upsertDoctor(id, data.path("name").asText(""), data.path("licenseNumber").asText(""), asOf);
    }

    private Uni<Void> upsertPatient(UUID id, String first, String last, boolean active, Instant asOf) {
        if (!active) {
            return Sql.update("update patient_directory set active = false, as_of = :asOf where patient_id = :id and as_of <= :asOf",
                    Map.of("id", id, "asOf", asOf)).replaceWithVoid();
        }
        return Sql.update(UPSERT_PATIENT, Map.of("id", id, "first", first, "last", last, "active", true, "asOf", asOf))
                .replaceWithVoid();
    }

    /** {@code license} "" keeps the one known (appointment events do not carry it). */
    private Uni<Void> upsertDoctor(UUID id, String name, String license, Instant asOf) {
        return Sql.update(UPSERT_DOCTOR, Map.of("id", id, "name", name, "license", license, "active", true, "asOf", asOf))
                .replaceWithVoid();
    }
}
