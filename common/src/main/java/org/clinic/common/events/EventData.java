package org.clinic.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** Required fields of an event's {@code data}; a missing one makes the event malformed (dead-lettered). */
public final class EventData {

    private EventData() {
    }

    /** The text at a dotted path such as {@code patient.id}; missing, null or blank is malformed. */
    public static String required(JsonNode data, String path) {
        JsonNode value = data;
        for (String field : path.split("\\.")) {
            value = value.path(field);
        }
        if (value.isMissingNode() || value.isNull() || value.asText().isBlank()) {
            throw new MalformedEventException("Event data lacks " + path);
        }
        return value.asText();
    }

    /** As {@link #required}, as a UUID ({@link IllegalArgumentException} when it is not one). */
    public static UUID uuid(JsonNode data, String path) {
        return UUID.fromString(required(data, path));
    }
}
