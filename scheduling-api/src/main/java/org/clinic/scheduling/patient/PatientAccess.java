package org.clinic.scheduling.patient;

import java.util.Set;
import java.util.UUID;

/**
 * Who may read a patient's profile without looking further: the patient, staff and admins. A
 * doctor may too when they have an appointment with the patient (checked by PatientService against
 * the appointments). Anyone else is answered 404, so that the existence of a patient is not revealed.
 */
public final class PatientAccess {

    private PatientAccess() {
    }

    public static boolean canRead(Set<String> callerRoles, String callerPatientId, UUID patientId) {
        if (callerRoles.contains("STAFF") || callerRoles.contains("ADMIN")) {
            return true;
        }
        return callerRoles.contains("PATIENT") && patientId.toString().equals(callerPatientId);
    }
}
