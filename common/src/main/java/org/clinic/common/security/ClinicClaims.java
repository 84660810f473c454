package org.clinic.common.security;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** The claims our tokens add to the standard ones (see DESIGN: Identity and tokens). */
public final class ClinicClaims {

    public static final String PATIENT_ID = "patient_id";
    public static final String DOCTOR_ID = "doctor_id";

    private ClinicClaims() {
    }

    public static String patientId(JsonWebToken token) {
        return string(token, PATIENT_ID);
    }

    public static String doctorId(JsonWebToken token) {
        return string(token, DOCTOR_ID);
    }

    private static String string(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value == null) {
            return null;
        }
        return value instanceof jakarta.json.JsonString json ? json.getString() : value.toString();
    }
}
