package org.clinic.scheduling.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AppointmentTransitionsTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant BEFORE = START.minusSeconds(3600);
    private static final Instant AFTER = START.plusSeconds(3600);
    private static final AppointmentTransitions.Windows WINDOWS =
            new AppointmentTransitions.Windows(Duration.ofMinutes(60), Duration.ofMinutes(15));

    @Test
    void eachMoveHasItsRoles() {
        assertThat(AppointmentTransitions.check(AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED, Set.of("DOCTOR"), START, BEFORE, WINDOWS)).isEmpty();
        assertThat(AppointmentTransitions.check(AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED, Set.of("PATIENT"), START, BEFORE, WINDOWS))
                .contains(AppointmentTransitions.Refusal.ROLE_NOT_ALLOWED);
        assertThat(AppointmentTransitions.check(AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN, Set.of("STAFF"), START, BEFORE, WINDOWS)).isEmpty();
        assertThat(AppointmentTransitions.check(AppointmentStatus.CONFIRMED, AppointmentStatus.CANCELLED, Set.of("PATIENT"), START, BEFORE, WINDOWS)).isEmpty();
        assertThat(AppointmentTransitions.check(AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED, Set.of("STAFF"), START, AFTER, WINDOWS))
                .contains(AppointmentTransitions.Refusal.ROLE_NOT_ALLOWED);
    }

    @Test
    void movesThatDoNotExistAreInvalidForEveryone() {
        for (AppointmentStatus done : new AppointmentStatus[] {AppointmentStatus.COMPLETED, AppointmentStatus.CANCELLED,
                AppointmentStatus.DECLINED, AppointmentStatus.NO_SHOW}) {
            assertThat(AppointmentTransitions.check(done, AppointmentStatus.CONFIRMED, Set.of("ADMIN"), START, AFTER, WINDOWS))
                    .contains(AppointmentTransitions.Refusal.INVALID_TRANSITION);
        }
        assertThat(AppointmentTransitions.check(AppointmentStatus.REQUESTED, AppointmentStatus.COMPLETED, Set.of("ADMIN"), START, AFTER, WINDOWS))
                .contains(AppointmentTransitions.Refusal.INVALID_TRANSITION);
    }

    @Test
    void checkInOpensItsWindowBeforeTheStart() {
        assertThat(check(AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN, "STAFF", START.minusSeconds(61 * 60)))
                .contains(AppointmentTransitions.Refusal.OUTSIDE_WINDOW);
        assertThat(check(AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN, "STAFF", START.minusSeconds(60 * 60))).isEmpty();
        assertThat(check(AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN, "STAFF", AFTER)).isEmpty();
    }

    @Test
    void completingOpensAtTheStart() {
        assertThat(check(AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED, "DOCTOR", START.minusSeconds(1)))
                .contains(AppointmentTransitions.Refusal.OUTSIDE_WINDOW);
        assertThat(check(AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED, "DOCTOR", START)).isEmpty();
    }

    @Test
    void aNoShowOnlyAfterTheStartAndTheGrace() {
        assertThat(check(AppointmentStatus.CONFIRMED, AppointmentStatus.NO_SHOW, "STAFF", BEFORE))
                .contains(AppointmentTransitions.Refusal.OUTSIDE_WINDOW);
        assertThat(check(AppointmentStatus.CONFIRMED, AppointmentStatus.NO_SHOW, "STAFF", START.plusSeconds(14 * 60)))
                .contains(AppointmentTransitions.Refusal.OUTSIDE_WINDOW);
        assertThat(check(AppointmentStatus.CONFIRMED, AppointmentStatus.NO_SHOW, "STAFF", START.plusSeconds(15 * 60))).isEmpty();
        assertThat(AppointmentTransitions.opensAt(AppointmentStatus.NO_SHOW, START, WINDOWS)).contains(START.plusSeconds(15 * 60));
    }

    @Test
    void roleAndStatusRefusalsComeBeforeTheClock() {
        assertThat(check(AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN, "PATIENT", BEFORE.minusSeconds(86_400)))
                .contains(AppointmentTransitions.Refusal.ROLE_NOT_ALLOWED);
        assertThat(check(AppointmentStatus.CONFIRMED, AppointmentStatus.COMPLETED, "DOCTOR", BEFORE))
                .contains(AppointmentTransitions.Refusal.INVALID_TRANSITION);
    }

    private static java.util.Optional<AppointmentTransitions.Refusal> check(AppointmentStatus from, AppointmentStatus to,
                                                                            String role, Instant now) {
        return AppointmentTransitions.check(from, to, Set.of(role), START, now, WINDOWS);
    }

    @Test
    void aPatientCancellingInsideTheWindowIsLate() {
        assertThat(AppointmentTransitions.isLateCancellation(START, START.minusSeconds(3600), 24)).isTrue();
        assertThat(AppointmentTransitions.isLateCancellation(START, START.minusSeconds(48 * 3600), 24)).isFalse();
    }
}
