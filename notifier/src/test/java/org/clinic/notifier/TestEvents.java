package org.clinic.notifier;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.testing.EventExamples;
import org.clinic.common.testing.TestBroker;
import org.clinic.common.testing.TestDatabase;
import org.clinic.common.testing.TestEventSigner;

/**
 * Appointment events as scheduling-api writes them, built from the documented example with fresh
 * ids and addresses, so that tests sharing the database never see each other's messages.
 */
final class TestEvents {

    static final String INTERNAL_TOKEN = "test-internal-token";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestEvents() {
    }

    /** A new booking (status CONFIRMED) of a new patient (Portuguese, e-mail and SMS) with a new doctor (English). */
    static ObjectNode booked(Instant start, Instant eventTime) {
        try {
            ObjectNode event = (ObjectNode) MAPPER.readTree(EventExamples.read("scheduling.appointment.booked.json"));
            event.put("id", UUID.randomUUID().toString());
            event.put("time", eventTime.toString());
            ObjectNode data = (ObjectNode) event.get("data");
            String appointmentId = UUID.randomUUID().toString();
            event.put("subject", appointmentId);
            data.put("appointmentId", appointmentId);
            data.put("start", start.toString());
            data.put("end", start.plus(Duration.ofMinutes(30)).toString());
            data.put("timeZone", "America/New_York");
            ObjectNode patient = (ObjectNode) data.get("patient");
            patient.put("id", UUID.randomUUID().toString());
            ObjectNode contact = (ObjectNode) patient.get("contact");
            contact.put("email", "patient-" + UUID.randomUUID() + "@example.org");
            contact.put("sms", "+3519100" + (int) (Math.random() * 90000 + 10000));
            ObjectNode doctor = (ObjectNode) data.get("doctor");
            doctor.put("id", UUID.randomUUID().toString());
            doctor.put("language", "en");
            ((ObjectNode) doctor.get("contact")).put("email", "doctor-" + UUID.randomUUID() + "@clinic.example");
            return event;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next event of the same appointment: new id, given change and status, {@code later} after the previous one. */
    static ObjectNode next(ObjectNode previous, String change, String status, Duration later) {
        ObjectNode event = previous.deepCopy();
        event.put("id", UUID.randomUUID().toString());
        event.put("type", "clinic.scheduling.appointment." + change + ".v1");
        event.put("time", Instant.parse(previous.get("time").asText()).plus(later).toString());
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("status", status);
        data.put("changedBy", "STAFF");
        return event;
    }

    static ObjectNode data(ObjectNode event) {
        return (ObjectNode) event.get("data");
    }

    static UUID appointmentId(JsonNode event) {
        return UUID.fromString(event.path("data").path("appointmentId").asText());
    }

    static UUID patientId(JsonNode event) {
        return UUID.fromString(event.path("data").path("patient").path("id").asText());
    }

    static UUID doctorId(JsonNode event) {
        return UUID.fromString(event.path("data").path("doctor").path("id").asText());
    }

    static String patientEmail(JsonNode event) {
        return event.path("data").path("patient").path("contact").path("email").asText();
    }

    static String doctorEmail(JsonNode event) {
        return event.path("data").path("doctor").path("contact").path("email").asText();
    }

    /** Through RabbitMQ, signed as its producer's relay publishes it. */
    static void publish(TestBroker broker, JsonNode event) throws IOException {
        broker.publish(CloudEvent.routingKeyOf(event.path("type").asText()), event.path("id").asText(), signed(event));
    }

    /** Over HTTP in structured mode, signed, as a Knative trigger delivers it; answers after handling. */
    static void post(JsonNode event) {
        given().header("X-Internal-Token", INTERNAL_TOKEN)
                .contentType(CloudEvent.STRUCTURED_CONTENT_TYPE)
                .body(signed(event))
                .post("/api/v1/events")
                .then().statusCode(202);
    }

    /** The envelope as its producer signs it (a copy: the event itself stays unsigned for further changes). */
    static String signed(JsonNode event) {
        return TestEventSigner.sign(((ObjectNode) event).deepCopy()).toString();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static RowSet<Row> query(Pool database, String sql, Object... parameters) {
        return database.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(Duration.ofSeconds(5));
    }

    static long count(Pool database, String sql, Object... parameters) {
        return TestDatabase.count(database, sql, parameters);
    }
}
