package org.clinic.scheduling.patient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.clinic.common.testing.EventExamples;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class PatientEventsTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void aRegistrationIsAnnouncedWithOnlyTheConsentedContacts() throws Exception {
        JsonNode example = mapper.readTree(EventExamples.read("scheduling.patient.registered.json"));
        try (TestBroker broker = new TestBroker()) {
            String queue = broker.tap("scheduling.patient.registered");
            String email = "ev-" + UUID.randomUUID() + "@clinic.test";
            String location = given().contentType(ContentType.JSON)
                    .body(Map.of("email", email, "password", "a perfectly long passphrase", "firstName", "Lia",
                            "lastName", "Neves", "dateOfBirth", "1999-09-09", "phone", "+351 910 000 999"))
                    .post("/api/v1/auth/register").then().statusCode(201).extract().header("Location");
            String patientId = location.replaceAll(".*/", "");

            AtomicReference<JsonNode> event = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                GetResponse message;
                while ((message = broker.take(queue)) != null) {
                    JsonNode candidate = mapper.readTree(message.getBody());
                    if (patientId.equals(candidate.path("subject").asText())) {
                        event.set(candidate);
                        return true;
                    }
                }
                return false;
            });
            JsonNode data = event.get().path("data");
            assertThat(names(data)).isEqualTo(names(example.path("data")));
            assertThat(data.path("contact").path("email").asText()).isEqualTo(email);
            // The phone was given but SMS was not consented to: it does not travel.
            assertThat(data.path("contact").has("sms")).isFalse();
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
