package org.clinic.scheduling.patient;

import java.util.Set;
import java.util.UUID;

/**
 * Who may read a patient's profile: the patient, staff and admins. Doctors will be allowed for the
 * patients they have appointments with once appointments exist (scheduling issue). Anyone else is
 * answered 404, so that the existence of a patient is not revealed.
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
