package org.clinic.scheduling.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PatientAccessTest {

    private final UUID patient = UUID.randomUUID();

    @Test
    void thePatientThemself() {
        assertThat(PatientAccess.canRead(Set.of("PATIENT"), patient.toString(), patient)).isTrue();
        assertThat(PatientAccess.canRead(Set.of("PATIENT"), UUID.randomUUID().toString(), patient)).isFalse();
        assertThat(PatientAccess.canRead(Set.of("PATIENT"), null, patient)).isFalse();
    }

    @Test
    void staffAndAdminsButNotAnUnrelatedDoctor() {
        assertThat(PatientAccess.canRead(Set.of("STAFF"), null, patient)).isTrue();
        assertThat(PatientAccess.canRead(Set.of("ADMIN"), null, patient)).isTrue();
        assertThat(PatientAccess.canRead(Set.of("DOCTOR"), null, patient)).isFalse();
        assertThat(PatientAccess.canRead(Set.of(), patient.toString(), patient)).isFalse();
    }
}
