package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.clinic.common.testing.TestEventSigner;
import org.clinic.common.testing.TestTokens;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * A forged booking must never put a doctor in a patient's care team: not from a user token (even an
 * admin's), not unsigned, not signed with another producer's key, not from a source that does not
 * own the type, not dated in the future (2099 would outrank, so block, every later real event).
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class ForgedEventsTest {

    @Inject
    Pool database;

    @Test
    void anAdminTokenCannotPostEvents() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        ObjectNode booked = TestEventSigner.sign(booking(doctor, patient, Instant.now()));
        given().auth().oauth2(TestTokens.withRoles("ADMIN")).contentType(CloudEvent.STRUCTURED_CONTENT_TYPE)
                .body(booked.toString()).post("/api/v1/events")
                .then().statusCode(403).contentType("application/problem+json");
        assertNoAccess(doctor, patient, booked);
    }

    @Test
    void forgedEventsOverHttpAreRefusedNamingTheAttribute() {
        UUID patient = RecordsFixture.patient(database);
        forgeries(patient).forEach((forgery, event) -> {
            String attribute = switch (forgery) {
                case "wrong source" -> "source";
                case "future time" -> "time";
                default -> "clinicsignature";
            };
            given().header("X-Internal-Token", "test-internal-token").contentType(CloudEvent.STRUCTURED_CONTENT_TYPE)
                    .body(event.toString()).post("/api/v1/events")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", Matchers.is(attribute));
            assertNoAccess(doctorOf(event), patient, event);
        });
    }

    @Test
    void forgedEventsThroughTheBrokerAreDeadLetteredAndChangeNothing() throws Exception {
        UUID patient = RecordsFixture.patient(database);
        Map<String, ObjectNode> forgeries = forgeries(patient);
        Set<String> deadLettered = new HashSet<>();
        try (TestBroker broker = new TestBroker()) {
            for (ObjectNode event : forgeries.values()) {
                broker.publish(CloudEvent.routingKeyOf(event.get("type").asText()), event.get("id").asText(), event.toString());
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                GetResponse message;
                while ((message = broker.take("records-api.events.dlq")) != null) {
                    deadLettered.add(message.getProps().getMessageId());
                }
                return forgeries.values().stream().allMatch(event -> deadLettered.contains(event.get("id").asText()));
            });
        }
        forgeries.values().forEach(event -> assertNoAccess(doctorOf(event), patient, event));
    }

    @Test
    void aGenuineCancellationStillRevokesAfterAFutureDatedForgery() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        UUID appointment = UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofDays(1));
        RecordsFixture.appointment(database, appointment, doctor, patient, start, "booked", "CONFIRMED", Instant.now().minusSeconds(30));
        ObjectNode future = RecordsFixture.appointmentEvent(appointment, doctor, patient, start, "confirmed", "CONFIRMED",
                Instant.parse("2099-01-01T00:00:00Z"));
        future.put("id", UUID.randomUUID().toString());
        given().header("X-Internal-Token", "test-internal-token").contentType(CloudEvent.STRUCTURED_CONTENT_TYPE)
                .body(TestEventSigner.sign(future).toString()).post("/api/v1/events").then().statusCode(400);

        RecordsFixture.appointment(database, appointment, doctor, patient, start, "cancelled", "CANCELLED", Instant.now());
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient + "/allergies")
                .then().statusCode(403);
    }

    /** Bookings of the patient with a new doctor each, each forged one way. */
    private static Map<String, ObjectNode> forgeries(UUID patient) {
        Map<String, ObjectNode> forged = new LinkedHashMap<>();
        ObjectNode unsigned = booking(UUID.randomUUID(), patient, Instant.now());
        unsigned.remove("clinicsignature"); // the documented example's placeholder
        forged.put("unsigned", unsigned);
        forged.put("another producer's key",
                TestEventSigner.signAs(TestEventSigner.RECORDS, booking(UUID.randomUUID(), patient, Instant.now())));
        ObjectNode wrongSource = booking(UUID.randomUUID(), patient, Instant.now());
        wrongSource.put("source", "/records-api"); // records-api's own key, but it does not own scheduling events
        forged.put("wrong source", TestEventSigner.signAs(TestEventSigner.RECORDS, wrongSource));
        forged.put("future time", TestEventSigner.sign(booking(UUID.randomUUID(), patient, Instant.parse("2099-01-01T00:00:00Z"))));
        return forged;
    }

    private static ObjectNode booking(UUID doctor, UUID patient, Instant eventTime) {
        ObjectNode event = RecordsFixture.appointmentEvent(UUID.randomUUID(), doctor, patient,
                Instant.now().plus(Duration.ofDays(1)), "booked", "CONFIRMED", eventTime);
        event.put("id", UUID.randomUUID().toString());
        return event;
    }

    private static UUID doctorOf(ObjectNode event) {
        return UUID.fromString(event.path("data").path("doctor").path("id").asText());
    }

    private void assertNoAccess(UUID doctor, UUID patient, ObjectNode event) {
        assertThat(RecordsFixture.count(database, "select count(*) from processed_event where event_id = $1",
                event.get("id").asText())).isZero();
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient + "/allergies")
                .then().statusCode(403);
    }
}
