package org.clinic.records.entry;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A clinical entry as the API shows it: the current version, decrypted. */
public record EntryView<C>(
        UUID id,
        UUID patientId,
        EntryKind kind,
        @Schema(description = "The visit it came from, if any") UUID appointmentId,
        @Schema(description = "Kind-specific status, or ENTERED_IN_ERROR", example = "ACTIVE") String status,
        @Schema(description = "Also the ETag; send it back in If-Match to amend", example = "1") int version,
        @Schema(description = "The doctor who wrote the first version") UUID authorId,
        Instant recordedAt,
        Instant updatedAt,
        C content) {
}
