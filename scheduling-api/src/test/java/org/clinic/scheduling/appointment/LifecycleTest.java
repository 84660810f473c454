package org.clinic.scheduling.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class LifecycleTest {

    @Inject
    Pool database;

    @Test
    void aRequestedVisitIsConfirmedByItsDoctorCheckedInByStaffAndCompletedByTheDoctor() {
        UUID doctor = ClinicFixture.doctor(true, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        var booked = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, slot);
        assertThat(booked.<String>path("status")).isEqualTo("REQUESTED");
        String id = booked.path("id");

        assertThat(ClinicFixture.move(TestTokens.forPatient(patient), id, "CONFIRMED").statusCode()).isEqualTo(403);
        assertThat(ClinicFixture.move(TestTokens.forDoctor(UUID.randomUUID()), id, "CONFIRMED").statusCode()).isEqualTo(404);
        assertThat(ClinicFixture.move(TestTokens.forDoctor(doctor), id, "CONFIRMED").<String>path("status")).isEqualTo("CONFIRMED");

        // Booked for tomorrow: too early to check in.
        var checkInTooEarly = ClinicFixture.move(TestTokens.withRoles("STAFF"), id, "CHECKED_IN");
        assertThat(checkInTooEarly.statusCode()).isEqualTo(409);
        assertThat(checkInTooEarly.<String>path("code")).isEqualTo("OUTSIDE_TRANSITION_WINDOW");
        assertThat(checkInTooEarly.<String>path("detail")).startsWith("Check-in opens at ").contains("60 minutes before the start");

        var noShowTooEarly = ClinicFixture.move(TestTokens.withRoles("STAFF"), id, "NO_SHOW");
        assertThat(noShowTooEarly.statusCode()).isEqualTo(409);
        assertThat(noShowTooEarly.<String>path("code")).isEqualTo("OUTSIDE_TRANSITION_WINDOW");
        assertThat(ClinicFixture.move(TestTokens.forDoctor(doctor), id, "COMPLETED").<String>path("code"))
                .isEqualTo("INVALID_TRANSITION");

        startsIn(id, Duration.ofMinutes(30)); // the clock reaches the check-in window
        assertThat(ClinicFixture.move(TestTokens.withRoles("STAFF"), id, "CHECKED_IN").<String>path("status")).isEqualTo("CHECKED_IN");
        assertThat(ClinicFixture.move(TestTokens.forDoctor(doctor), id, "COMPLETED").<String>path("code"))
                .isEqualTo("OUTSIDE_TRANSITION_WINDOW");

        startsIn(id, Duration.ofMinutes(-5)); // the visit has begun
        assertThat(ClinicFixture.move(TestTokens.forDoctor(doctor), id, "COMPLETED").<String>path("status")).isEqualTo("COMPLETED");
        assertThat(ClinicFixture.move(TestTokens.withRoles("ADMIN"), id, "CANCELLED").<String>path("code"))
                .isEqualTo("INVALID_TRANSITION");
    }

    @Test
    void aNoShowIsMarkedOnlyOnceTheGraceAfterTheStartHasPassed() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        String id = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, slot).path("id");

        startsIn(id, Duration.ofMinutes(-5));
        var tooEarly = ClinicFixture.move(TestTokens.withRoles("STAFF"), id, "NO_SHOW");
        assertThat(tooEarly.<String>path("code")).isEqualTo("OUTSIDE_TRANSITION_WINDOW");
        assertThat(tooEarly.<String>path("detail")).contains("15 minutes after the start");

        startsIn(id, Duration.ofMinutes(-20));
        assertThat(ClinicFixture.move(TestTokens.withRoles("STAFF"), id, "NO_SHOW").<String>path("status")).isEqualTo("NO_SHOW");
    }

    /** Moves the appointment (keeping its length and buffer) to start {@code fromNow} from now: time passing, for the test. */
    private void startsIn(String id, Duration fromNow) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).plus(fromNow);
        database.preparedQuery("update appointment set starts_at = $2, ends_at = $2 + (ends_at - starts_at), "
                        + "blocked_until = $2 + (blocked_until - starts_at) where id = $1")
                .execute(Tuple.of(UUID.fromString(id), start)).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aDoctorDeclinesARequestAndTheTimeIsFreeAgain() {
        UUID doctor = ClinicFixture.doctor(true, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        String id = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, slot).path("id");
        assertThat(ClinicFixture.move(TestTokens.forDoctor(doctor), id, "DECLINED").<String>path("fhirStatus")).isEqualTo("cancelled");
        assertThat(ClinicFixture.freeSlots(doctor)).contains(slot);
    }
}
