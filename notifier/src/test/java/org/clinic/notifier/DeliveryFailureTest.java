package org.clinic.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.clinic.notifier.TestEvents.count;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Real senders that fail: the mailer talks SMTP to a port where nothing listens (connection
 * refused), the SMS webhook goes to a gateway that refuses before it accepts. Failed sends are
 * retried with back-off, then kept as FAILED for an admin to re-drive; nothing is lost.
 */
@QuarkusTest
@TestProfile(DeliveryFailureTest.RefusingServers.class)
@QuarkusTestResource(JwtTestKeys.class)
class DeliveryFailureTest {

    public static class RefusingServers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.mailer.mock", "false",
                    "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", String.valueOf(closedPort()),
                    "quarkus.mailer.start-tls", "DISABLED",
                    "clinic.notifier.sms.gateway", "webhook",
                    "clinic.notifier.sms.webhook-url", FakeSmsGateway.start() + "/sms",
                    "clinic.notifier.sms.webhook-token", "gateway-secret");
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    Pool database;

    @Test
    void aRefusedEmailIsRetriedThenKeptAsFailedAndCanBeRedriven() {
        ObjectNode booked = TestEvents.booked(Instant.parse("2026-12-10T10:00:00Z"), TestEvents.now());
        TestEvents.data(booked).with("patient").with("contact").remove("sms");
        TestEvents.post(booked);
        UUID patient = TestEvents.patientId(booked);

        await().atMost(Duration.ofSeconds(20)).until(() -> count(database,
                "select count(*) from delivery where recipient_id = $1 and status = 'FAILED' and attempts = 3", patient) == 1);
        String admin = TestTokens.withRoles("ADMIN");
        String id = given().auth().oauth2(admin).get("/api/v1/admin/deliveries?status=FAILED&recipientId=" + patient)
                .then().statusCode(200)
                .body("totalItems", org.hamcrest.Matchers.is(1))
                .body("items[0].channel", org.hamcrest.Matchers.is("EMAIL"))
                .body("items[0].lastError", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("@")))
                .body("items[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("address")))
                .extract().path("items[0].id");
        // The in-app notification did not depend on the mail server.
        assertThat(count(database, "select count(*) from notification where recipient_id = $1", patient)).isEqualTo(1);

        given().auth().oauth2(TestTokens.withRoles("STAFF")).post("/api/v1/admin/deliveries/" + id + "/retry")
                .then().statusCode(403);
        given().auth().oauth2(admin).post("/api/v1/admin/deliveries/" + UUID.randomUUID() + "/retry").then().statusCode(404);
        given().auth().oauth2(admin).get("/api/v1/admin/deliveries?status=LOST").then().statusCode(400);
        given().auth().oauth2(admin).post("/api/v1/admin/deliveries/" + id + "/retry").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.is("PENDING"))
                .body("attempts", org.hamcrest.Matchers.is(0));
        // Still no mail server: it fails again, and is still kept.
        await().atMost(Duration.ofSeconds(20)).until(() -> count(database,
                "select count(*) from delivery where id = $1 and status = 'FAILED' and attempts = 3", UUID.fromString(id)) == 1);
    }

    @Test
    void anSmsRefusedByTheGatewayIsRetriedUntilAccepted() throws Exception {
        String gateway = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("clinic.notifier.sms.webhook-url", String.class);
        ObjectNode booked = TestEvents.booked(Instant.parse("2026-12-10T11:00:00Z"), TestEvents.now());
        String phone = TestEvents.data(booked).path("patient").path("contact").path("sms").asText();
        FakeSmsGateway.refuseOnce(gateway, phone);
        TestEvents.post(booked);
        UUID patient = TestEvents.patientId(booked);

        await().atMost(Duration.ofSeconds(20)).until(() -> count(database,
                "select count(*) from delivery where recipient_id = $1 and channel = 'SMS' and status = 'SENT'", patient) == 1);
        assertThat(count(database, "select attempts from delivery where recipient_id = $1 and channel = 'SMS'", patient))
                .isEqualTo(2);
        String received = FakeSmsGateway.received(gateway).stream().filter(line -> line.contains(phone)).findFirst().orElseThrow();
        assertThat(received).startsWith("Bearer gateway-secret ")
                .contains("\"to\":\"" + phone + "\"").contains("Confirmada: Dr. Ines Moreira");
    }
}
