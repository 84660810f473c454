package org.clinic.records.access;

import java.util.UUID;

/**
 * What the access check decided: who reads or writes which patient's record, in which role, and,
 * for an emergency access, its (encrypted) reason, which every audit entry of the access repeats.
 */
public record Grant(UUID actorId, String role, UUID patientId, String emergencyReasonCiphertext) {

    public static final String PATIENT = "PATIENT";
    public static final String DOCTOR = "DOCTOR";

    /** Patients do not see draft notes. */
    public boolean seesDrafts() {
        return DOCTOR.equals(role);
    }

    public boolean isDoctor() {
        return DOCTOR.equals(role);
    }
}
