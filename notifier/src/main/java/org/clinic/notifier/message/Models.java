package org.clinic.notifier.message;

import static org.clinic.notifier.message.WhoIsTold.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.clinic.notifier.recipient.Recipient;

/** Builds the {@link MessageModel} of a message from an event's data and its recipient. */
public final class Models {

    private Models() {
    }

    /** For appointment messages and reminders; {@code before} is the reminder offset or {@code null}. */
    public static MessageModel appointment(JsonNode data, Recipient recipient, String appUrl, Duration before) {
        ZoneId zone = ZoneId.of(data.path("timeZone").asText());
        String language = recipient.language;
        JsonNode patient = data.path("patient");
        JsonNode location = data.path("location");
        String place = location.isObject()
                ? join(text(location, "name"), text(location, "address"))
                : null;
        String previous = text(data, "previousStart");
        return new MessageModel(
                recipient.displayName,
                fullName(text(patient, "firstName"), text(patient, "lastName")),
                text(data.path("doctor"), "name"),
                MessageRenderer.localTime(OffsetDateTime.parse(data.path("start").asText()).toInstant(), zone, language),
                previous == null ? null : MessageRenderer.localTime(OffsetDateTime.parse(previous).toInstant(), zone, language),
                place,
                data.path("telehealth").asBoolean(false),
                text(data, "type") == null ? "" : text(data, "type"),
                "REQUESTED".equals(text(data, "status")),
                before == null ? 0 : before.toHours(),
                before == null ? 0 : before.toMinutes(),
                appUrl);
    }

    /** For records messages: who (the doctor) and where to look, nothing clinical. */
    public static MessageModel records(JsonNode data, Recipient recipient, String appUrl) {
        return new MessageModel(recipient.displayName, null, text(data.path("doctor"), "name"), null, null, null,
                false, "", false, 0, 0, appUrl);
    }

    private static String fullName(String first, String last) {
        return ((first == null ? "" : first) + " " + (last == null ? "" : last)).strip();
    }

    private static String join(String first, String second) {
        if (first == null || first.isBlank()) {
            return second == null ? "" : second;
        }
        return second == null || second.isBlank() ? first : first + ", " + second;
    }
}
