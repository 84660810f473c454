package org.clinic.common.security;

import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling, from the verified token: what object-level checks need. */
public record Caller(UUID userId, Set<String> roles, UUID patientId, UUID doctorId) {

    public static Caller of(JsonWebToken token) {
        return new Caller(uuid(token.getSubject()), token.getGroups(), uuid(ClinicClaims.patientId(token)),
                uuid(ClinicClaims.doctorId(token)));
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    /** Staff and admins act for the clinic as a whole. */
    public boolean isClinicStaff() {
        return is("STAFF") || is("ADMIN");
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null; // an external issuer's subject need not be a UUID
        }
    }
}
