package org.clinic.notifier.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who is told what, for each event type (the table in the README says the same). A person is not
 * told about a change they made themselves, except patients, who get a confirmation of their own
 * cancellation or reschedule.
 */
public final class WhoIsTold {

    public static final String PATIENT = "PATIENT";
    public static final String DOCTOR = "DOCTOR";

    private WhoIsTold() {
    }

    /** One message to one person. */
    public record Intent(String recipientKind, UUID recipientId, String message) {
    }

    /** The messages an appointment event causes; {@code event} is e.g. {@code booked}. */
    public static List<Intent> forAppointment(String event, String status, String changedBy, UUID patient, UUID doctor) {
        List<Intent> intents = new ArrayList<>();
        boolean byDoctor = DOCTOR.equals(changedBy);
        switch (event) {
            case "booked" -> {
                intents.add(new Intent(PATIENT, patient,
                        "REQUESTED".equals(status) ? "appointment-requested" : "appointment-confirmed"));
                intents.add(new Intent(DOCTOR, doctor, "doctor-booking"));
            }
            case "confirmed" -> intents.add(new Intent(PATIENT, patient, "appointment-confirmed"));
            case "declined" -> intents.add(new Intent(PATIENT, patient, "appointment-declined"));
            case "rescheduled" -> {
                intents.add(new Intent(PATIENT, patient, "appointment-rescheduled"));
                if (!byDoctor) {
                    intents.add(new Intent(DOCTOR, doctor, "doctor-rescheduled"));
                }
            }
            case "cancelled" -> {
                intents.add(new Intent(PATIENT, patient, "appointment-cancelled"));
                if (!byDoctor) {
                    intents.add(new Intent(DOCTOR, doctor, "doctor-cancelled"));
                }
            }
            case "no-show" -> intents.add(new Intent(PATIENT, patient, "appointment-no-show"));
            default -> {
                // checked-in, completed, entered-in-error: nobody needs a message
            }
        }
        return intents;
    }

    /** The message a records event causes for the patient, or {@code null} for none. */
    public static String forRecords(String entityAndEvent) {
        return switch (entityAndEvent) {
            case "prescription.issued" -> "prescription-issued";
            case "report.available" -> "report-available";
            case "access.emergency" -> "emergency-access";
            default -> null;
        };
    }

    /** Text of a field, or {@code null} when absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
