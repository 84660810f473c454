package org.clinic.common.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSignatureTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final KeyPair PRODUCER = generate();
    private static final KeyPair OTHER = generate();

    @Test
    void aSignatureSurvivesReserializationOfTheData() throws Exception {
        CloudEvent event = event("{\"b\": {\"y\": 1.50, \"x\": [2, \"two\"]}, \"a\": null}");
        CloudEvent signed = event.withSignature(EventSignature.sign(PRODUCER.getPrivate(), event));

        // Key order and number spelling change on the way (jsonb, another serializer): same event.
        CloudEvent reread = new CloudEvent("1.0", signed.id(), signed.source(), signed.type(), signed.subject(),
                OffsetDateTime.parse("2026-11-23T11:15:00.123456+01:00"), "application/json",
                MAPPER.readTree("{\"a\": null, \"b\": {\"x\": [2, \"two\"], \"y\": 1.5}}"), signed.clinicsignature());
        assertThat(EventSignature.verify(List.of(PRODUCER.getPublic()), reread)).isTrue();
    }

    @Test
    void anyChangeOfMeaningOrAnotherKeyBreaksIt() throws Exception {
        CloudEvent event = event("{\"patientId\": \"p-1\"}");
        String signature = EventSignature.sign(PRODUCER.getPrivate(), event);
        CloudEvent signed = event.withSignature(signature);

        assertThat(EventSignature.verify(List.of(OTHER.getPublic()), signed)).isFalse();
        assertThat(EventSignature.verify(List.of(OTHER.getPublic(), PRODUCER.getPublic()), signed)).isTrue(); // rotation
        assertThat(EventSignature.verify(List.of(PRODUCER.getPublic()), new CloudEvent("1.0", event.id(), event.source(),
                event.type(), event.subject(), event.time().plusYears(73), "application/json", event.data(), signature))).isFalse();
        assertThat(EventSignature.verify(List.of(PRODUCER.getPublic()), new CloudEvent("1.0", event.id(), "/records-api",
                event.type(), event.subject(), event.time(), "application/json", event.data(), signature))).isFalse();
        assertThat(EventSignature.verify(List.of(PRODUCER.getPublic()), new CloudEvent("1.0", event.id(), event.source(),
                event.type(), event.subject(), event.time(), "application/json",
                MAPPER.readTree("{\"patientId\": \"p-2\"}"), signature))).isFalse();
        assertThat(EventSignature.verify(List.of(PRODUCER.getPublic()), event.withSignature("not base64!"))).isFalse();
        assertThat(EventSignature.verify(List.of(PRODUCER.getPublic()), event)).isFalse();
    }

    @Test
    void keysAreReadFromBase64DerOrPem() {
        String der = java.util.Base64.getEncoder().encodeToString(PRODUCER.getPublic().getEncoded());
        String pem = "-----BEGIN PUBLIC KEY-----\n" + der + "\n-----END PUBLIC KEY-----\n";
        assertThat(EventSignature.publicKey(pem)).isEqualTo(EventSignature.publicKey(der));
    }

    private static CloudEvent event(String data) throws Exception {
        return new CloudEvent("1.0", "0c6f3a4e-2b8e-4d7a-9a51-3f1c2d4e5f60", "/scheduling-api",
                "clinic.scheduling.appointment.booked.v1", "a3c5e7f9-1b2d-4f6a-8c0e-2d4f6a8c0e1b",
                OffsetDateTime.parse("2026-11-23T10:15:00.123456Z"), "application/json", MAPPER.readTree(data), null);
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
