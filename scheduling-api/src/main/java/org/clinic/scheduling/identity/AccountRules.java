package org.clinic.scheduling.identity;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Which roles and profile links a login may hold. Reach is granted only by admins and never
 * widened by its holder, so the combinations that would let one role borrow another's reach are
 * refused:
 * <ul>
 *   <li>ADMIN never combines with a clinical role (DOCTOR, PATIENT): administering accounts must
 *       not come with reading records;</li>
 *   <li>STAFF never combines with DOCTOR: staff book any patient with any doctor, so a staff
 *       login with a doctor profile could put any patient in its own care team;</li>
 *   <li>a PATIENT login is only the patient's own;</li>
 *   <li>only a DOCTOR login carries a doctor profile, only a PATIENT login a patient profile.
 *       A DOCTOR login without a profile (waiting to be linked) reaches no patient.</li>
 * </ul>
 * Whether the linked profile exists and is free is checked against the database by the caller.
 */
public final class AccountRules {

    private AccountRules() {
    }

    /** A refused combination: the field to name and why. */
    public record Violation(String field, String message) {
    }

    public static Optional<Violation> check(Set<Role> roles, UUID doctorId, UUID patientId) {
        if (roles == null || roles.isEmpty()) {
            return refuse("roles", "must hold at least one role");
        }
        EnumSet<Role> set = EnumSet.copyOf(roles);
        if (set.contains(Role.ADMIN) && (set.contains(Role.DOCTOR) || set.contains(Role.PATIENT))) {
            return refuse("roles", "ADMIN never combines with DOCTOR or PATIENT");
        }
        if (set.contains(Role.STAFF) && set.contains(Role.DOCTOR)) {
            return refuse("roles", "STAFF never combines with DOCTOR");
        }
        if (set.contains(Role.PATIENT) && set.size() > 1) {
            return refuse("roles", "a PATIENT login holds no other role");
        }
        if (doctorId != null && !set.contains(Role.DOCTOR)) {
            return refuse("doctorId", "only a DOCTOR login may be linked to a doctor profile");
        }
        if (patientId != null && !set.contains(Role.PATIENT)) {
            return refuse("patientId", "only a PATIENT login may be linked to a patient profile");
        }
        return Optional.empty();
    }

    private static Optional<Violation> refuse(String field, String message) {
        return Optional.of(new Violation(field, message));
    }
}
