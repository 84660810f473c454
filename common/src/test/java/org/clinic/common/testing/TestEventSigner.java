package org.clinic.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.events.EventSignature;

/**
 * Signs events in tests as their producer would: the private halves of the test key pairs whose
 * public halves the test profile trusts (common's configuration). Test keys only, never deployed.
 */
public final class TestEventSigner {

    public static final String SCHEDULING = "scheduling";
    public static final String RECORDS = "records";
    private static final String SCHEDULING_KEY = "MC4CAQAwBQYDK2VwBCIEIDJgKxwaPgMVPMthemsDE4y6f4mDw7bvH7y8Guetlbiu";
    private static final String RECORDS_KEY = "MC4CAQAwBQYDK2VwBCIEIAQfejx1VhSxQlcJWyk0+M2LOPipHYEuSQWHidaJCj0F";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestEventSigner() {
    }

    /** Signs {@code event} (in place) with the test key of the producer its {@code source} names. */
    public static ObjectNode sign(ObjectNode event) {
        String source = event.path("source").asText();
        return signAs(source.startsWith("/records") ? RECORDS : SCHEDULING, event);
    }

    /** Signs {@code event} (in place) with {@code producer}'s test key, whatever its source says. */
    public static ObjectNode signAs(String producer, ObjectNode event) {
        String key = RECORDS.equals(producer) ? RECORDS_KEY : SCHEDULING_KEY;
        event.put(EventSignature.ATTRIBUTE, EventSignature.sign(EventSignature.privateKey(key), envelope(event)));
        return event;
    }

    /** A JSON envelope, signed by its source's producer. */
    public static String sign(String json) {
        try {
            return sign((ObjectNode) MAPPER.readTree(json)).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CloudEvent envelope(JsonNode event) {
        return new CloudEvent(text(event, "specversion"), text(event, "id"), text(event, "source"), text(event, "type"),
                text(event, "subject"), event.hasNonNull("time") ? OffsetDateTime.parse(event.get("time").asText()) : null,
                text(event, "datacontenttype"), event.get("data"), null);
    }

    private static String text(JsonNode event, String field) {
        return event.hasNonNull(field) ? event.get(field).asText() : null;
    }
}
