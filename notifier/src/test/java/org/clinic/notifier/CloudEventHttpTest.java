package org.clinic.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clinic.notifier.TestEvents.count;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** CloudEvents over HTTP (a Knative trigger) go through the same idempotent handler as RabbitMQ's. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class CloudEventHttpTest {

    private static final Instant START = Instant.parse("2026-12-08T15:30:00Z");

    @Inject
    MockMailbox mailbox;

    @Inject
    Pool database;

    @Test
    void structuredModeGivesTheSameResultAsTheBroker() {
        ObjectNode booked = TestEvents.booked(START, TestEvents.now());
        TestEvents.post(booked);

        assertThat(count(database, "select count(*) from notification where recipient_id = $1 and message = 'appointment-confirmed'",
                TestEvents.patientId(booked))).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.getMailsSentTo(TestEvents.patientEmail(booked)).size() == 1);
        assertThat(mailbox.getMailsSentTo(TestEvents.patientEmail(booked)).get(0).getText()).contains("10:30");
    }

    @Test
    void binaryModeIsTheSameEvent() {
        ObjectNode booked = org.clinic.common.testing.TestEventSigner.sign(TestEvents.booked(START, TestEvents.now()));
        given().header("X-Internal-Token", TestEvents.INTERNAL_TOKEN)
                .header("ce-specversion", "1.0")
                .header("ce-clinicsignature", booked.get("clinicsignature").asText())
                .header("ce-id", booked.get("id").asText())
                .header("ce-type", booked.get("type").asText())
                .header("ce-source", "/scheduling-api")
                .header("ce-subject", booked.get("subject").asText())
                .header("ce-time", booked.get("time").asText())
                .contentType("application/json")
                .body(booked.get("data").toString())
                .post("/api/v1/events")
                .then().statusCode(202);
        assertThat(count(database, "select count(*) from notification where recipient_id = $1",
                TestEvents.doctorId(booked))).isEqualTo(1);
    }

    @Test
    void anEventSeenOverHttpAndFromTheBrokerIsHandledOnce() throws Exception {
        ObjectNode booked = TestEvents.booked(START, TestEvents.now());
        ObjectNode marker = TestEvents.booked(START, TestEvents.now());
        TestEvents.post(booked);
        TestEvents.post(booked);
        try (TestBroker broker = new TestBroker()) {
            TestEvents.publish(broker, booked);
            TestEvents.publish(broker, marker);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> count(database,
                "select count(*) from notification where recipient_id = $1", TestEvents.patientId(marker)) == 1);
        assertThat(count(database, "select count(*) from notification where recipient_id = $1",
                TestEvents.patientId(booked))).isEqualTo(1);
        assertThat(count(database, "select count(*) from delivery where recipient_id = $1 and channel = 'EMAIL'",
                TestEvents.patientId(booked))).isEqualTo(1);
    }

    @Test
    void onlyTheInternalTokenMayPostEventsNotEvenAnAdmin() {
        ObjectNode booked = TestEvents.booked(START, TestEvents.now());
        String body = TestEvents.signed(booked);
        given().contentType("application/cloudevents+json").body(body).post("/api/v1/events")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("X-Internal-Token", "a guess").contentType("application/cloudevents+json").body(body)
                .post("/api/v1/events").then().statusCode(401);
        given().auth().oauth2(TestTokens.forPatient(TestEvents.patientId(booked)))
                .contentType("application/cloudevents+json").body(body).post("/api/v1/events").then().statusCode(403);
        // An admin is a user: users never inject events (a forged booking would reach anyone's contacts).
        given().auth().oauth2(TestTokens.withRoles("ADMIN"))
                .contentType("application/cloudevents+json").body(body).post("/api/v1/events").then().statusCode(403)
                .contentType("application/problem+json");
        assertThat(count(database, "select count(*) from processed_event where event_id = $1", booked.get("id").asText())).isZero();

        // A Knative subscriber URI cannot carry headers: the token may come as a query parameter.
        given().contentType("application/cloudevents+json").body(body)
                .post("/api/v1/events?internal-token=wrong").then().statusCode(401);
        given().contentType("application/cloudevents+json").body(body)
                .post("/api/v1/events?internal-token=" + TestEvents.INTERNAL_TOKEN).then().statusCode(202);
    }

    @Test
    void aMalformedEventIsABadRequestNamingWhatIsWrong() {
        given().header("X-Internal-Token", TestEvents.INTERNAL_TOKEN).contentType("application/cloudevents+json")
                .body("{\"specversion\": \"1.0\", \"type\": \"clinic.scheduling.appointment.booked.v1\"}")
                .post("/api/v1/events").then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", org.hamcrest.Matchers.is("MALFORMED_EVENT"));

        ObjectNode noPatient = TestEvents.booked(START, TestEvents.now());
        TestEvents.data(noPatient).remove("patient");
        given().header("X-Internal-Token", TestEvents.INTERNAL_TOKEN).contentType("application/cloudevents+json")
                .body(TestEvents.signed(noPatient)).post("/api/v1/events").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("patient.id"));

        given().header("X-Internal-Token", TestEvents.INTERNAL_TOKEN).contentType("application/json")
                .header("ce-specversion", "1.0").header("ce-id", "x").header("ce-source", "/scheduling-api")
                .header("ce-type", "clinic.scheduling.appointment.booked.v1")
                .body("not json").post("/api/v1/events").then().statusCode(400);
    }
}
