package org.clinic.records.entry;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One version of an entry, as it was written. */
public record VersionView<C>(
        @Schema(example = "2") int version,
        String status,
        UUID changedBy,
        @Schema(example = "DOCTOR") String changedByRole,
        Instant changedAt,
        @Schema(description = "Why this version was written; null for the first", example = "Dose corrected after lab results") String reason,
        C content) {
}
