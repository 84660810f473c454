package org.clinic.records.careteam;

import static org.clinic.common.events.EventData.required;
import static org.clinic.common.events.EventData.uuid;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.events.EventInbox;
import org.clinic.common.events.MalformedEventException;
import org.clinic.common.persistence.Sql;

/**
 * Builds the care-team projection and the directory of names from scheduling events, each once
 * (the event inbox). An appointment event, most of the traffic (one per booking and per change), is
 * one statement: its inbox row, the appointment, the patient and the doctor in one round trip. Every upsert keeps the newest state: an event older than what a row
 * already reflects (redelivered or overtaken) changes nothing, so duplicates and reordering leave
 * the projection correct. Only the lifecycle events ({@code deactivated}) change whether a person
 * is active; an appointment event never reactivates anyone.
 */
@ApplicationScoped
public class CareTeamProjection {

    // $1-$3: the inbox row (EventInbox.INBOX_ROW); every other step selects from it, so a duplicate
    // changes nothing. Each upsert keeps the newest state (the where clauses).
    private static final String APPOINTMENT_ONCE = "with inbox as (" + EventInbox.INBOX_ROW + "),"
            + """
            appointment as (
                insert into care_appointment (appointment_id, doctor_id, patient_id, status, starts_at, ends_at, last_event_time)
                select $4::uuid, $5::uuid, $6::uuid, $7::text, $8::timestamptz, $9::timestamptz, $10::timestamptz from inbox
                on conflict (appointment_id) do update
                   set status = excluded.status, starts_at = excluded.starts_at, ends_at = excluded.ends_at,
                       last_event_time = excluded.last_event_time
                 where care_appointment.last_event_time <= excluded.last_event_time),
            patient as (
                insert into patient_directory (patient_id, first_name, last_name, active, as_of)
                select $6::uuid, $11::text, $12::text, true, $10::timestamptz from inbox
                on conflict (patient_id) do update
                   set first_name = excluded.first_name, last_name = excluded.last_name, as_of = excluded.as_of
                 where patient_directory.as_of <= excluded.as_of),
            doctor as (
                insert into doctor_directory (doctor_id, name, license_number, active, as_of)
                select $5::uuid, $13::text, '', true, $10::timestamptz from inbox
                on conflict (doctor_id) do update
                   set name = excluded.name, as_of = excluded.as_of
                 where doctor_directory.as_of <= excluded.as_of)
            select count(*) as applied from inbox""";
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
    private final EventInbox inbox;
    private final Pool database;

    public CareTeamProjection(MeterRegistry meters, EventInbox inbox, Pool database) {
        this.meters = meters;
        this.inbox = inbox;
        this.database = database;
    }

    /** Applies a trusted event once, whichever way it came (RabbitMQ or HTTP). */
    public Uni<Void> applyOnce(CloudEvent event) {
        String key;
        try {
            key = event.routingKey();
        } catch (IllegalArgumentException e) {
            // through the inbox, so it is counted and logged as a failed event like any other
            return inbox.processOnce(event, unusable -> Uni.createFrom().failure(new MalformedEventException(e.getMessage())));
        }
        if (key.startsWith("scheduling.appointment.")) {
            return inbox.processOnceInOneStatement(event, this::appointment);
        }
        return inbox.processOnce(event, e -> apply(e, key));
    }

    private Uni<Void> apply(CloudEvent event, String key) {
        JsonNode data = data(event);
        Instant asOf = asOf(event);
        try {
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

    /** Answers whether the event was new (see APPOINTMENT_ONCE). */
    private Uni<Boolean> appointment(CloudEvent event) {
        JsonNode data = data(event);
        Tuple parameters;
        try {
            parameters = Tuple.tuple().addString(event.id()).addString(event.type()).addString(event.source())
                    .addUUID(uuid(data, "appointmentId")).addUUID(uuid(data, "doctor.id")).addUUID(uuid(data, "patient.id"))
                    .addString(required(data, "status"))
                    .addOffsetDateTime(Sql.timestamp(OffsetDateTime.parse(required(data, "start")).toInstant()))
                    .addOffsetDateTime(Sql.timestamp(OffsetDateTime.parse(required(data, "end")).toInstant()))
                    .addOffsetDateTime(Sql.timestamp(asOf(event)))
                    .addString(data.path("patient").path("firstName").asText(""))
                    .addString(data.path("patient").path("lastName").asText(""))
                    .addString(data.path("doctor").path("name").asText(""));
        } catch (DateTimeException | IllegalArgumentException e) {
            return Uni.createFrom().failure(new MalformedEventException("Event " + event.id() + " has unusable data: "
                    + e.getClass().getSimpleName()));
        }
        return database.preparedQuery(APPOINTMENT_ONCE).execute(parameters)
                .map(rows -> rows.iterator().next().getLong("applied") == 1);
    }

    private static JsonNode data(CloudEvent event) {
        return event.data() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : event.data();
    }

    private static Instant asOf(CloudEvent event) {
        return event.time() == null ? Instant.now() : event.time().toInstant();
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
