package org.clinic.records.entry;

import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The first page of a record: what a doctor needs at a glance. */
@Schema(name = "RecordSummary")
public record RecordSummary(
        UUID patientId,
        @Schema(description = "Active diagnoses") List<EntryView<Contents.Diagnosis>> activeProblems,
        @Schema(description = "Active chronic conditions from the history") List<EntryView<Contents.HistoryItem>> chronicConditions,
        @Schema(description = "Active allergies, most severe first") List<EntryView<Contents.Allergy>> allergies,
        @Schema(description = "Active prescriptions whose longest line has not run out") List<EntryView<Contents.Prescription>> currentMedications,
        @Schema(description = "The latest encounters (final notes only, for patients)") List<EntryView<Contents.Encounter>> recentEncounters) {
}
