package org.clinic.records.entry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The clinical content of each kind of entry: what is encrypted at rest and versioned. Bean
 * validation checks presence and size (400); {@link ClinicalChecks} checks codes and doses (422).
 */
@RegisterForReflection(targets = {Contents.Encounter.class, Contents.Diagnosis.class, Contents.MedicationLine.class,
        Contents.Prescription.class, Contents.Allergy.class, Contents.HistoryItem.class}) // ObjectMapper reads them from storage
public final class Contents {

    private Contents() {
    }

    @Schema(name = "EncounterContent", description = "Consultation note of a visit")
    public record Encounter(
            @NotBlank @Size(max = 2000) @Schema(example = "Chest pain on exertion for two weeks") String chiefComplaint,
            @Size(max = 20000) @Schema(example = "BP 150/95, HR 88 regular; no murmurs") String findings,
            @Size(max = 20000) @Schema(example = "Suspected stable angina") String assessment,
            @Size(max = 20000) @Schema(example = "Exercise ECG; start aspirin 100 mg daily; review in 2 weeks") String plan) {
    }

    @Schema(name = "DiagnosisContent")
    public record Diagnosis(
            @NotBlank @Schema(example = "ICD-10", enumeration = {"ICD-10", "ICD-11", "SNOMED-CT"}) String codeSystem,
            @NotBlank @Size(max = 20) @Schema(example = "I20.8") String code,
            @NotBlank @Size(max = 500) @Schema(example = "Other forms of angina pectoris") String text,
            @Schema(example = "2026-11-20") LocalDate onset) {
    }

    public enum Route { ORAL, SUBLINGUAL, INHALED, TOPICAL, TRANSDERMAL, INTRAVENOUS, INTRAMUSCULAR, SUBCUTANEOUS, RECTAL, OPHTHALMIC, OTIC, NASAL, OTHER }

    @Schema(name = "MedicationLine")
    public record MedicationLine(
            @NotBlank @Size(max = 200) @Schema(example = "Acetylsalicylic acid") String medicine,
            @NotBlank @Size(max = 50) @Schema(example = "100 mg", description = "Amount and unit per form, e.g. 100 mg, 5 mg/mL") String strength,
            @NotBlank @Size(max = 50) @Schema(example = "1 tablet", description = "Amount per intake with its unit") String dose,
            @NotNull @Schema(example = "ORAL") Route route,
            @NotBlank @Size(max = 100) @Schema(example = "once daily") String frequency,
            @NotNull @Min(1) @Max(365) @Schema(example = "30") Integer durationDays,
            @NotNull @Min(1) @Max(1000) @Schema(example = "30") Integer quantity,
            @Min(0) @Max(12) @Schema(example = "2") int refills,
            @Size(max = 1000) @Schema(example = "Take after breakfast") String instructions) {
    }

    @Schema(name = "PrescriptionContent")
    public record Prescription(
            @NotEmpty @Size(max = 20) List<@Valid @NotNull MedicationLine> lines,
            @Size(max = 2000) @Schema(example = "Stop if stomach pain") String notes) {
    }

    public enum Severity { MILD, MODERATE, SEVERE, LIFE_THREATENING }

    @Schema(name = "AllergyContent")
    public record Allergy(
            @NotBlank @Size(max = 200) @Schema(example = "Penicillin") String substance,
            @Size(max = 500) @Schema(example = "Hives and facial swelling") String reaction,
            @NotNull @Schema(example = "SEVERE") Severity severity) {
    }

    public enum HistoryCategory { CHRONIC_CONDITION, PAST_ILLNESS, SURGERY, FAMILY_HISTORY }

    @Schema(name = "HistoryContent", description = "An item of the medical history")
    public record HistoryItem(
            @NotNull @Schema(example = "SURGERY") HistoryCategory category,
            @NotBlank @Size(max = 2000) @Schema(example = "Appendectomy") String description,
            @Schema(example = "2009-05-14") LocalDate date,
            @Size(max = 100) @Schema(description = "For family history: who", example = "mother") String relation) {
    }
}
