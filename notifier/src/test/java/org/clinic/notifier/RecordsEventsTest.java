package org.clinic.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.clinic.common.testing.EventExamples;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The documented records events (deploy/events/records.*.json, read also by records-api's tests)
 * tell the patient, in their language and on the channels they allowed, without clinical content.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class RecordsEventsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    MockMailbox mailbox;

    @ParameterizedTest
    @CsvSource({
            "records.prescription.issued.json, prescription-issued, Nova receita de Dr. Ines Moreira",
            "records.report.available.json, report-available, Novo relatório no seu processo",
            "records.access.emergency.json, emergency-access, O seu processo foi aberto numa emergência"})
    void thePatientIsTold(String example, String message, String subject) throws Exception {
        // The patient is known from a registration event: Portuguese, e-mail consented.
        UUID patient = UUID.randomUUID();
        String email = "records-" + patient + "@example.org";
        ObjectNode registered = (ObjectNode) MAPPER.readTree(EventExamples.read("scheduling.patient.registered.json"));
        registered.put("id", UUID.randomUUID().toString());
        ((ObjectNode) registered.get("data")).put("patientId", patient.toString());
        ((ObjectNode) registered.get("data").get("contact")).put("email", email);
        TestEvents.post(registered);

        ObjectNode event = (ObjectNode) MAPPER.readTree(EventExamples.read(example));
        event.put("id", UUID.randomUUID().toString());
        ((ObjectNode) event.get("data")).put("patientId", patient.toString());
        TestEvents.post(event);

        given().auth().oauth2(TestTokens.forPatient(patient)).get("/api/v1/notifications").then().statusCode(200)
                .body("items.message", org.hamcrest.Matchers.contains(message))
                .body("items[0].title", org.hamcrest.Matchers.is(subject));
        List<Mail> mails = await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.getMailsSentTo(email), m -> m.size() == 1);
        assertThat(mails.get(0).getSubject()).isEqualTo(subject);
        assertThat(mails.get(0).getText()).contains("Olá Ana").doesNotContain("BLOOD_TEST");
    }
}
