package org.clinic.scheduling.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountRulesTest {

    private static final UUID PROFILE = UUID.randomUUID();

    private static Optional<String> refusedField(Set<Role> roles, UUID doctorId, UUID patientId) {
        return AccountRules.check(roles, doctorId, patientId).map(AccountRules.Violation::field);
    }

    @Test
    void adminNeverCombinesWithAClinicalRole() {
        assertThat(refusedField(EnumSet.of(Role.ADMIN, Role.DOCTOR), PROFILE, null)).contains("roles");
        assertThat(refusedField(EnumSet.of(Role.ADMIN, Role.PATIENT), null, PROFILE)).contains("roles");
        assertThat(refusedField(EnumSet.of(Role.ADMIN, Role.STAFF), null, null)).isEmpty();
    }

    @Test
    void staffNeverHoldsADoctorProfile() {
        assertThat(refusedField(EnumSet.of(Role.STAFF, Role.DOCTOR), PROFILE, null)).contains("roles");
        assertThat(refusedField(EnumSet.of(Role.STAFF), PROFILE, null)).contains("doctorId");
    }

    @Test
    void onlyTheMatchingRoleCarriesAProfile() {
        assertThat(refusedField(EnumSet.of(Role.DOCTOR), PROFILE, null)).isEmpty();
        assertThat(refusedField(EnumSet.of(Role.DOCTOR), null, null)).isEmpty();
        assertThat(refusedField(EnumSet.of(Role.DOCTOR), null, PROFILE)).contains("patientId");
        assertThat(refusedField(EnumSet.of(Role.PATIENT), null, PROFILE)).isEmpty();
        assertThat(refusedField(EnumSet.of(Role.PATIENT), PROFILE, null)).contains("doctorId");
    }

    @Test
    void aPatientLoginIsOnlyThePatients() {
        assertThat(refusedField(EnumSet.of(Role.PATIENT, Role.STAFF), null, PROFILE)).contains("roles");
    }

    @Test
    void aLoginHoldsAtLeastOneRole() {
        assertThat(refusedField(EnumSet.noneOf(Role.class), null, null)).contains("roles");
        assertThat(refusedField(null, null, null)).contains("roles");
    }
}
