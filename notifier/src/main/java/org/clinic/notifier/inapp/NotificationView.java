package org.clinic.notifier.inapp;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An in-app notification as the API and the live stream show it. */
@RegisterForReflection // also written to and read from Redis by ObjectMapper
@Schema(name = "Notification", description = "An in-app notification")
public record NotificationView(
        @Schema(example = "7d4c2b1a-9e8f-4a6b-8c2d-1e0f9a8b7c6d") UUID id,
        @Schema(description = "What it is about", example = "appointment-confirmed") String message,
        @Schema(example = "Appointment confirmed: Monday, December 7, 2026 at 9:00 AM (Europe/Lisbon)") String title,
        @Schema(example = "Confirmed: Dr. Ines Moreira, Monday, December 7, 2026 at 9:00 AM (Europe/Lisbon), Clinica Central.") String body,
        @Schema(description = "The appointment it concerns, if any") UUID appointmentId,
        Instant createdAt,
        @Schema(description = "When the recipient marked it read; null while unread") Instant readAt) {

    public static NotificationView of(Notification n) {
        return new NotificationView(n.id, n.message, n.title, n.body, n.appointmentId, n.createdAt, n.readAt);
    }
}
