package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.testing.EventExamples;
import org.clinic.common.testing.TestBroker;
import org.clinic.common.testing.TestDatabase;
import org.clinic.common.testing.TestEventSigner;

/**
 * Puts records-api in a known state the way production does, through scheduling events on the real
 * broker (built from the documented examples), and waits until they are processed.
 */
final class RecordsFixture {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordsFixture() {
    }

    /** A patient registered in scheduling-api. */
    static UUID patient(Pool database) {
        UUID patient = UUID.randomUUID();
        ObjectNode event = example("scheduling.patient.registered.json");
        data(event).put("patientId", patient.toString());
        publishAndWait(database, event);
        return patient;
    }

    /** A doctor as scheduling-api announces one (name and license number). */
    static UUID doctor(Pool database, String name, String license) {
        UUID doctor = UUID.randomUUID();
        ObjectNode event = example("scheduling.doctor.created.json");
        data(event).put("doctorId", doctor.toString()).put("name", name).put("licenseNumber", license);
        publishAndWait(database, event);
        return doctor;
    }

    static void deactivateDoctor(Pool database, UUID doctor) {
        ObjectNode event = example("scheduling.doctor.created.json");
        event.put("type", "clinic.scheduling.doctor.deactivated.v1");
        event.put("time", Instant.now().toString());
        event.set("data", MAPPER.createObjectNode().put("doctorId", doctor.toString()));
        publishAndWait(database, event);
    }

    /** An appointment between them in the given state, as of {@code eventTime}; answers its id. */
    static UUID appointment(Pool database, UUID doctor, UUID patient, Instant start, String change, String status,
                            Instant eventTime) {
        return appointment(database, UUID.randomUUID(), doctor, patient, start, change, status, eventTime);
    }

    static UUID appointment(Pool database, UUID appointmentId, UUID doctor, UUID patient, Instant start, String change,
                            String status, Instant eventTime) {
        publishAndWait(database, appointmentEvent(appointmentId, doctor, patient, start, change, status, eventTime));
        return appointmentId;
    }

    /** A confirmed appointment starting in a day: the doctor is in the patient's care team. */
    static UUID relate(Pool database, UUID doctor, UUID patient) {
        return appointment(database, doctor, patient, Instant.now().plus(Duration.ofDays(1)), "booked", "CONFIRMED", Instant.now());
    }

    static ObjectNode appointmentEvent(UUID appointmentId, UUID doctor, UUID patient, Instant start, String change,
                                       String status, Instant eventTime) {
        ObjectNode event = example("scheduling.appointment.booked.json");
        event.put("type", "clinic.scheduling.appointment." + change + ".v1");
        event.put("time", eventTime.toString());
        event.put("subject", appointmentId.toString());
        ObjectNode data = data(event);
        data.put("appointmentId", appointmentId.toString());
        data.put("status", status);
        data.put("start", start.toString());
        data.put("end", start.plus(Duration.ofMinutes(30)).toString());
        data.with("doctor").put("id", doctor.toString());
        data.with("patient").put("id", patient.toString());
        return event;
    }

    static void publishAndWait(Pool database, ObjectNode event) {
        String id = UUID.randomUUID().toString();
        event.put("id", id);
        try (TestBroker broker = new TestBroker()) {
            broker.publish(CloudEvent.routingKeyOf(event.get("type").asText()), id, TestEventSigner.sign(event).toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> count(database,
                "select count(*) from processed_event where event_id = $1", id) == 1);
    }

    static long count(Pool database, String sql, Object... parameters) {
        return TestDatabase.count(database, sql, parameters);
    }

    static String diagnosis(String code) {
        return """
                {"status": "ACTIVE", "content": {"codeSystem": "ICD-10", "code": "%s",
                 "text": "Essential hypertension", "onset": "2026-11-02"}}""".formatted(code);
    }

    static String encounter(UUID appointment, String status) {
        return """
                {"appointmentId": "%s", "status": "%s", "content": {"chiefComplaint": "Headaches in the morning",
                 "findings": "BP 162/98", "assessment": "Uncontrolled hypertension", "plan": "Start amlodipine"}}"""
                .formatted(appointment, status);
    }

    static String prescription(String dose) {
        return """
                {"status": "ACTIVE", "content": {"lines": [{"medicine": "Amlodipine", "strength": "5 mg", "dose": "%s",
                 "route": "ORAL", "frequency": "once daily", "durationDays": 30, "quantity": 30, "refills": 1,
                 "instructions": "In the morning"}], "notes": "Check BP in 2 weeks"}}""".formatted(dose);
    }

    static String allergy() {
        return """
                {"status": "ACTIVE", "content": {"substance": "Penicillin", "reaction": "Hives", "severity": "SEVERE"}}""";
    }

    static String history() {
        return """
                {"status": "ACTIVE", "content": {"category": "CHRONIC_CONDITION", "description": "Type 2 diabetes",
                 "date": "2019-03-01"}}""";
    }

    static ValidatableResponse post(String token, String path, String body) {
        return given().auth().oauth2(token).contentType("application/json").body(body).post(path).then();
    }

    private static ObjectNode example(String file) {
        try {
            return (ObjectNode) MAPPER.readTree(EventExamples.read(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }
}
