package org.clinic.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clinic.notifier.TestEvents.count;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.GetResponse;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.clinic.common.testing.TestEventSigner;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Events that are not their producer's change nothing and tell nobody, over HTTP and through the
 * broker: unsigned, signed with another producer's key, from a source that does not own the type,
 * or dated in the future (which would outrank every later real event).
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class ForgedEventsTest {

    private static final Instant START = Instant.parse("2026-12-09T15:30:00Z");

    @Inject
    Pool database;

    @Inject
    MockMailbox mailbox;

    @Test
    void forgedEventsOverHttpAreRefusedNamingTheAttribute() {
        forgeries().forEach((forgery, event) -> {
            String attribute = switch (forgery) {
                case "wrong source" -> "source";
                case "future time" -> "time";
                default -> "clinicsignature";
            };
            given().header("X-Internal-Token", TestEvents.INTERNAL_TOKEN)
                    .contentType(CloudEvent.STRUCTURED_CONTENT_TYPE).body(event.toString())
                    .post("/api/v1/events")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", Matchers.is(attribute));
            assertNothingHappened(event);
        });
    }

    @Test
    void forgedEventsThroughTheBrokerAreDeadLetteredAndChangeNothing() throws Exception {
        Map<String, ObjectNode> forgeries = forgeries();
        Map<String, String> reasons = new HashMap<>();
        try (TestBroker broker = new TestBroker()) {
            for (ObjectNode event : forgeries.values()) {
                broker.publish(CloudEvent.routingKeyOf(event.get("type").asText()), event.get("id").asText(), event.toString());
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                GetResponse message;
                while ((message = broker.take("notifier.events.dlq")) != null) {
                    Object reason = message.getProps().getHeaders() == null ? null
                            : message.getProps().getHeaders().get("x-clinic-dead-letter-reason");
                    reasons.put(message.getProps().getMessageId(), String.valueOf(reason));
                }
                return forgeries.values().stream().allMatch(event -> reasons.containsKey(event.get("id").asText()));
            });
        }
        assertThat(reasons.get(forgeries.get("unsigned").get("id").asText())).contains("not signed");
        assertThat(reasons.get(forgeries.get("another producer's key").get("id").asText())).contains("does not verify");
        assertThat(reasons.get(forgeries.get("wrong source").get("id").asText())).contains("come only from /scheduling-api");
        assertThat(reasons.get(forgeries.get("future time").get("id").asText())).contains("future");
        forgeries.values().forEach(this::assertNothingHappened);
    }

    @Test
    void theSameEventSignedByItsProducerIsHandled() {
        ObjectNode genuine = TestEvents.booked(START, TestEvents.now());
        TestEvents.post(genuine); // signs with scheduling-api's test key
        assertThat(count(database, "select count(*) from notification where recipient_id = $1",
                TestEvents.patientId(genuine))).isEqualTo(1);
    }

    /** Bookings with fresh patients and addresses, each forged one way. */
    private static Map<String, ObjectNode> forgeries() {
        Map<String, ObjectNode> forged = new LinkedHashMap<>();
        ObjectNode unsigned = TestEvents.booked(START, TestEvents.now());
        unsigned.remove("clinicsignature"); // the documented example's placeholder
        forged.put("unsigned", unsigned);
        forged.put("another producer's key", TestEventSigner.signAs(TestEventSigner.RECORDS, TestEvents.booked(START, TestEvents.now())));
        ObjectNode wrongSource = TestEvents.booked(START, TestEvents.now());
        wrongSource.put("source", "/records-api"); // records-api's own key, but it does not own scheduling events
        forged.put("wrong source", TestEventSigner.signAs(TestEventSigner.RECORDS, wrongSource));
        forged.put("future time", TestEventSigner.sign(TestEvents.booked(START, Instant.parse("2099-01-01T00:00:00Z"))));
        return forged;
    }

    private void assertNothingHappened(ObjectNode event) {
        assertThat(count(database, "select count(*) from processed_event where event_id = $1", event.get("id").asText())).isZero();
        assertThat(count(database, "select count(*) from notification where recipient_id in ($1, $2)",
                TestEvents.patientId(event), TestEvents.doctorId(event))).isZero();
        assertThat(count(database, "select count(*) from recipient where id in ($1, $2)",
                TestEvents.patientId(event), TestEvents.doctorId(event))).isZero();
        assertThat(mailbox.getMailsSentTo(TestEvents.patientEmail(event))).isNullOrEmpty();
    }
}
