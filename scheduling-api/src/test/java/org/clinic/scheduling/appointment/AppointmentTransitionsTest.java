package org.clinic.scheduling.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppointmentTransitionsTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant BEFORE = START.minusSeconds(3600);
    private static final Instant AFTER = START.plusSeconds(3600);

    @Test
    void eachMoveHasItsRoles() {
        assertThat(AppointmentTransitions.check(AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED, Set.of("DOCTOR"), START, BEFORE)).isEmpty();
        assertThat(AppointmentTransitions.check(AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED, Set.of("PATIENT"), START, BEFORE))
                .contains(AppointmentTransitions.Refusal.ROLE_NOT_ALLOWED);
        assertThat(AppointmentTransitions.check(AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN, Set.of("STAFF"), START, BEFORE)).isEmpty();
        assertThat(AppointmentTransitions.check(AppointmentStatus.CONFIRMED, AppointmentStatus.CANCELLED, Set.of("PATIENT"), START, BEFORE)).isEmpty();
        assertThat(AppointmentTransitions.check(AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED, Set.of("STAFF"), START, AFTER))
                .contains(AppointmentTransitions.Refusal.ROLE_NOT_ALLOWED);
    }

    @Test
    void movesThatDoNotExistAreInvalidForEveryone() {
        for (AppointmentStatus done : new AppointmentStatus[] {AppointmentStatus.COMPLETED, AppointmentStatus.CANCELLED,
                AppointmentStatus.DECLINED, AppointmentStatus.NO_SHOW}) {
            assertThat(AppointmentTransitions.check(done, AppointmentStatus.CONFIRMED, Set.of("ADMIN"), START, AFTER))
                    .contains(AppointmentTransitions.Refusal.INVALID_TRANSITION);
        }
        assertThat(AppointmentTransitions.check(AppointmentStatus.REQUESTED, AppointmentStatus.COMPLETED, Set.of("ADMIN"), START, AFTER))
                .contains(AppointmentTransitions.Refusal.INVALID_TRANSITION);
    }

    @Test
    void aNoShowOnlyAfterTheStart() {
        assertThat(AppointmentTransitions.check(AppointmentStatus.CONFIRMED, AppointmentStatus.NO_SHOW, Set.of("STAFF"), START, BEFORE))
                .contains(AppointmentTransitions.Refusal.NOT_STARTED_YET);
        assertThat(AppointmentTransitions.check(AppointmentStatus.CONFIRMED, AppointmentStatus.NO_SHOW, Set.of("STAFF"), START, AFTER)).isEmpty();
    }

    @Test
    void aPatientCancellingInsideTheWindowIsLate() {
        assertThat(AppointmentTransitions.isLateCancellation(START, START.minusSeconds(3600), 24)).isTrue();
        assertThat(AppointmentTransitions.isLateCancellation(START, START.minusSeconds(48 * 3600), 24)).isFalse();
    }
}
