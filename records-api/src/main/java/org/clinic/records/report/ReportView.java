package org.clinic.records.report;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A report as the API shows it; the file itself is at {@code .../file}. */
@Schema(name = "Report")
public record ReportView(
        UUID id,
        UUID patientId,
        UUID appointmentId,
        @Schema(example = "BLOOD_TEST") String category,
        @Schema(example = "Laboratorio Central") String labName,
        @Schema(example = "LDL slightly high; repeat in 3 months") String remarks,
        @Schema(example = "lipids-2026-11.pdf") String fileName,
        @Schema(example = "application/pdf") String contentType,
        @Schema(example = "48213") long sizeBytes,
        @Schema(description = "SHA-256 of the uploaded file, hex") String sha256,
        @Schema(example = "AVAILABLE") String status,
        @Schema(description = "Why it was marked entered-in-error") String statusReason,
        @Schema(description = "The doctor who uploaded it") UUID uploadedBy,
        Instant uploadedAt) {
}
