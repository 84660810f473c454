package org.clinic.records.entry;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.clinic.common.problem.ProblemException;

/**
 * Checks bean validation cannot express: a code that does not fit its code system, a strength or
 * dose without a number and unit. Answered with 422 naming the field.
 */
public final class ClinicalChecks {

    private static final Map<String, Pattern> CODE_SYSTEMS = Map.of(
            "ICD-10", Pattern.compile("[A-TV-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?"),
            "ICD-11", Pattern.compile("[0-9A-HJ-NP-Z]{2}[0-9A-HJ-NP-Z]{2}(\\.[0-9A-HJ-NP-Z]{1,2})?"),
            "SNOMED-CT", Pattern.compile("[1-9][0-9]{5,17}"));
    private static final String NUMBER = "\\d+([.,]\\d+)?";
    private static final Pattern STRENGTH = Pattern.compile(NUMBER + " ?(mg|g|mcg|µg|ng|mL|ml|L|IU|units?|%)(/" + "(" + NUMBER + " ?)?(mL|ml|L|dose|g|h))?");
    private static final Pattern DOSE = Pattern.compile(NUMBER + "(-" + NUMBER + ")? ?(tablets?|capsules?|mL|ml|drops?|puffs?|mg|g|mcg|IU|units?|sachets?|patch(es)?|applications?|sprays?|suppositor(y|ies)|ampoules?)");

    private ClinicalChecks() {
    }

    public static void check(Contents.Diagnosis diagnosis) {
        Pattern pattern = CODE_SYSTEMS.get(diagnosis.codeSystem());
        if (pattern == null) {
            throw ProblemException.unprocessable("INVALID_CODE", "content.codeSystem",
                    "must be one of " + String.join(", ", CODE_SYSTEMS.keySet().stream().sorted().toList()));
        }
        if (!pattern.matcher(diagnosis.code().trim()).matches()) {
            throw ProblemException.unprocessable("INVALID_CODE", "content.code",
                    "is not a valid " + diagnosis.codeSystem() + " code");
        }
    }

    public static void check(Contents.Prescription prescription) {
        List<Contents.MedicationLine> lines = prescription.lines();
        for (int i = 0; i < lines.size(); i++) {
            Contents.MedicationLine line = lines.get(i);
            if (!STRENGTH.matcher(line.strength().trim()).matches()) {
                throw ProblemException.unprocessable("INVALID_DOSE", "content.lines[" + i + "].strength",
                        "must be an amount with its unit, e.g. 100 mg or 5 mg/mL");
            }
            if (!DOSE.matcher(line.dose().trim()).matches()) {
                throw ProblemException.unprocessable("INVALID_DOSE", "content.lines[" + i + "].dose",
                        "must be an amount with its unit, e.g. 1 tablet or 5 mL");
            }
        }
    }
}
