package org.clinic.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clinic.notifier.TestEvents.count;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.GetResponse;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Events from RabbitMQ become e-mail, SMS and in-app notifications for the right people. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class NotificationFlowTest {

    // 14:00 UTC is 9:00 in New York (EST) on that day: messages must show 9:00.
    private static final Instant START = Instant.parse("2026-12-07T14:00:00Z");

    @Inject
    MockMailbox mailbox;

    @Inject
    Pool database;

    @Test
    void aBookingTellsPatientAndDoctorInTheirLanguageAndLocalTime() throws Exception {
        ObjectNode booked = TestEvents.booked(START, TestEvents.now());
        try (TestBroker broker = new TestBroker()) {
            TestEvents.publish(broker, booked);
        }

        List<Mail> toPatient = await().atMost(Duration.ofSeconds(15))
                .until(() -> mailbox.getMailsSentTo(TestEvents.patientEmail(booked)), mails -> mails.size() == 1);
        Mail patientMail = toPatient.get(0);
        assertThat(patientMail.getSubject()).startsWith("Consulta confirmada");
        assertThat(patientMail.getText())
                .contains("Olá Ana", "Dr. Ines Moreira", "7 de dezembro de 2026", "09:00", "(America/New_York)",
                        "Clinica Central, Rua Augusta 100")
                .doesNotContain("14:00");

        List<Mail> toDoctor = await().atMost(Duration.ofSeconds(15))
                .until(() -> mailbox.getMailsSentTo(TestEvents.doctorEmail(booked)), mails -> mails.size() == 1);
        assertThat(toDoctor.get(0).getSubject()).startsWith("New booking: Ana Silva");
        assertThat(toDoctor.get(0).getText()).contains("December 7, 2026", "9:00").doesNotContain("14:00");

        JsonPath patientInbox = given().auth().oauth2(TestTokens.forPatient(TestEvents.patientId(booked)))
                .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
        assertThat(patientInbox.getList("items.message")).containsExactly("appointment-confirmed");
        assertThat(patientInbox.getString("items[0].title")).startsWith("Consulta confirmada");
        assertThat(patientInbox.getString("items[0].appointmentId")).isEqualTo(TestEvents.appointmentId(booked).toString());

        given().auth().oauth2(TestTokens.forDoctor(TestEvents.doctorId(booked)))
                .get("/api/v1/notifications").then().statusCode(200)
                .body("items.message", org.hamcrest.Matchers.contains("doctor-booking"));

        // The SMS goes through the configured gateway (the logging one in tests) and is marked sent.
        await().atMost(Duration.ofSeconds(15)).until(() -> count(database,
                "select count(*) from delivery where recipient_id = $1 and channel = 'SMS' and status = 'SENT'",
                TestEvents.patientId(booked)) == 1);
    }

    @Test
    void theSameEventDeliveredTwiceTellsOnce() throws Exception {
        ObjectNode booked = TestEvents.booked(START, TestEvents.now());
        ObjectNode marker = TestEvents.booked(START, TestEvents.now());
        try (TestBroker broker = new TestBroker()) {
            TestEvents.publish(broker, booked);
            TestEvents.publish(broker, booked);
            TestEvents.publish(broker, marker); // once it is handled, both copies before it were seen
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> count(database,
                "select count(*) from notification where recipient_id = $1", TestEvents.patientId(marker)) == 1);
        assertThat(count(database, "select count(*) from notification where recipient_id = $1",
                TestEvents.patientId(booked))).isEqualTo(1);
        assertThat(count(database, "select count(*) from delivery where recipient_id = $1",
                TestEvents.patientId(booked))).isEqualTo(2); // one e-mail, one SMS
        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.getMailsSentTo(TestEvents.patientEmail(booked)).size() == 1);
        assertThat(mailbox.getMailsSentTo(TestEvents.patientEmail(booked))).hasSize(1);
    }

    @Test
    void channelsSwitchedOffOrNotConsentedToAreNotUsed() throws Exception {
        ObjectNode booked = TestEvents.booked(START, TestEvents.now());
        UUID patient = TestEvents.patientId(booked);
        given().auth().oauth2(TestTokens.forPatient(patient)).contentType("application/json")
                .body("{\"email\": false, \"sms\": true, \"inApp\": true}")
                .put("/api/v1/notification-preferences").then().statusCode(200)
                .body("email", org.hamcrest.Matchers.is(false));
        // A second patient who consented to no channel at all: only in-app.
        ObjectNode noConsent = TestEvents.booked(START.plus(Duration.ofHours(1)), TestEvents.now());
        TestEvents.data(noConsent).with("patient").putObject("contact");

        try (TestBroker broker = new TestBroker()) {
            TestEvents.publish(broker, booked);
            TestEvents.publish(broker, noConsent);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.getMailsSentTo(TestEvents.doctorEmail(noConsent)).size() == 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> count(database,
                "select count(*) from delivery where recipient_id = $1 and status = 'SENT'", patient) == 1);

        assertThat(mailbox.getMailsSentTo(TestEvents.patientEmail(booked))).isEmpty();
        assertThat(count(database, "select count(*) from delivery where recipient_id = $1 and channel = 'EMAIL'", patient)).isZero();
        assertThat(count(database, "select count(*) from notification where recipient_id = $1", patient)).isEqualTo(1);
        UUID silent = TestEvents.patientId(noConsent);
        assertThat(count(database, "select count(*) from delivery where recipient_id = $1", silent)).isZero();
        assertThat(count(database, "select count(*) from notification where recipient_id = $1", silent)).isEqualTo(1);

        given().auth().oauth2(TestTokens.forPatient(silent)).get("/api/v1/notification-preferences").then().statusCode(200)
                .body("email", org.hamcrest.Matchers.is(true))
                .body("emailOnFile", org.hamcrest.Matchers.is(false))
                .body("smsOnFile", org.hamcrest.Matchers.is(false));
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndTheNextOneStillHandled() throws Exception {
        String poisonId = UUID.randomUUID().toString();
        ObjectNode broken = TestEvents.booked(START, TestEvents.now());
        TestEvents.data(broken).with("patient").remove("id"); // a CloudEvent, but its data is unusable
        ObjectNode good = TestEvents.booked(START, TestEvents.now());
        try (TestBroker broker = new TestBroker()) {
            broker.publish("scheduling.appointment.booked", poisonId, "this is not JSON");
            TestEvents.publish(broker, broken);
            TestEvents.publish(broker, good);

            await().atMost(Duration.ofSeconds(15)).until(() -> count(database,
                    "select count(*) from notification where recipient_id = $1", TestEvents.patientId(good)) == 1);
            java.util.Map<String, String> reasons = new java.util.HashMap<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                GetResponse message;
                while ((message = broker.take("notifier.events.dlq")) != null) {
                    Object reason = message.getProps().getHeaders() == null ? null
                            : message.getProps().getHeaders().get("x-clinic-dead-letter-reason");
                    reasons.put(message.getProps().getMessageId(), String.valueOf(reason));
                }
                return reasons.containsKey(poisonId) && reasons.containsKey(broken.get("id").asText());
            });
            assertThat(reasons.get(poisonId)).isEqualTo("malformed: Body is not a CloudEvent JSON document");
            assertThat(reasons.get(broken.get("id").asText())).isEqualTo("malformed: Event data lacks patient.id");
        }
        assertThat(count(database, "select count(*) from processed_event where event_id = $1", broken.get("id").asText())).isZero();
    }

    @Test
    void anUnknownEventTypeIsAcknowledgedAndCounted() throws Exception {
        String id = UUID.randomUUID().toString();
        String event = """
                {"specversion": "1.0", "id": "%s", "source": "/scheduling-api", "time": "%s",
                 "type": "clinic.scheduling.waiting-list.joined.v1", "data": {}}""".formatted(id, TestEvents.now());
        try (TestBroker broker = new TestBroker()) {
            broker.publish("scheduling.waiting-list.joined", id, org.clinic.common.testing.TestEventSigner.sign(event));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> count(database,
                "select count(*) from processed_event where event_id = $1", id) == 1);
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("clinic_events_unknown_total{type=\"clinic.scheduling.waiting-list.joined.v1\"}");
    }

    @Test
    void eachReadsOnlyTheirOwnNotificationsAndMarksThemRead() throws Exception {
        ObjectNode booked = TestEvents.booked(START, TestEvents.now());
        ObjectNode cancelled = TestEvents.next(booked, "cancelled", "CANCELLED", Duration.ofSeconds(5));
        TestEvents.post(booked);
        TestEvents.post(cancelled);
        String patient = TestTokens.forPatient(TestEvents.patientId(booked));
        String stranger = TestTokens.forPatient(UUID.randomUUID());

        given().auth().oauth2(patient).get("/api/v1/notifications/unread-count").then().statusCode(200)
                .body("unread", org.hamcrest.Matchers.is(2));
        String first = given().auth().oauth2(patient).get("/api/v1/notifications?size=1").then().statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.is(2))
                .body("items[0].message", org.hamcrest.Matchers.is("appointment-cancelled"))
                .extract().path("items[0].id");

        given().auth().oauth2(stranger).post("/api/v1/notifications/" + first + "/read").then().statusCode(404);
        given().auth().oauth2(stranger).get("/api/v1/notifications").then().statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.is(0));
        given().auth().oauth2(TestTokens.withRoles("STAFF")).get("/api/v1/notifications").then().statusCode(403);

        given().auth().oauth2(patient).post("/api/v1/notifications/" + first + "/read").then().statusCode(200)
                .body("readAt", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(patient).get("/api/v1/notifications?unread=true").then().statusCode(200)
                .body("items.message", org.hamcrest.Matchers.contains("appointment-confirmed"));
        given().auth().oauth2(patient).post("/api/v1/notifications/read-all").then().statusCode(200)
                .body("marked", org.hamcrest.Matchers.is(1));
        given().auth().oauth2(patient).get("/api/v1/notifications/unread-count").then().statusCode(200)
                .body("unread", org.hamcrest.Matchers.is(0));
        // The doctor was told of the cancellation made by staff.
        given().auth().oauth2(TestTokens.forDoctor(TestEvents.doctorId(booked))).get("/api/v1/notifications").then()
                .statusCode(200).body("items.message", org.hamcrest.Matchers.contains("doctor-cancelled", "doctor-booking"));
    }
}
