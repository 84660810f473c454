package org.clinic.common.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode, the body of every message on
 * {@code clinic.events}. The type is {@code clinic.<service>.<entity>.<event>.v<n>} and maps to
 * the routing key {@code <service>.<entity>.<event>}. {@code clinicsignature} is the producer's
 * signature ({@link EventSignature}), an extension attribute.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection // serialized by ObjectMapper directly, invisible to the native build otherwise
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        OffsetDateTime time,
        String datacontenttype,
        JsonNode data,
        String clinicsignature) {

    public static final String SPEC_VERSION = "1.0";
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    private static final String TYPE_PREFIX = "clinic.";

    public static CloudEvent create(String source, String type, String subject, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, type, subject,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), "application/json", data, null);
    }

    public CloudEvent withSignature(String signature) {
        return new CloudEvent(specversion, id, source, type, subject, time, datacontenttype, data, signature);
    }

    /** {@code clinic.scheduling.appointment.booked.v1} becomes {@code scheduling.appointment.booked}. */
    public static String routingKeyOf(String type) {
        if (type == null || !type.startsWith(TYPE_PREFIX)) {
            throw new IllegalArgumentException("Event type must start with '" + TYPE_PREFIX + "': " + type);
        }
        String withoutPrefix = type.substring(TYPE_PREFIX.length());
        int lastDot = withoutPrefix.lastIndexOf('.');
        if (lastDot < 0 || !withoutPrefix.substring(lastDot + 1).matches("v\\d+")) {
            throw new IllegalArgumentException("Event type must end with a version such as '.v1': " + type);
        }
        return withoutPrefix.substring(0, lastDot);
    }

    public String routingKey() {
        return routingKeyOf(type);
    }
}
