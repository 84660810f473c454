package org.clinic.scheduling.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
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

        var tooEarly = ClinicFixture.move(TestTokens.withRoles("STAFF"), id, "NO_SHOW");
        assertThat(tooEarly.statusCode()).isEqualTo(409);
        assertThat(tooEarly.<String>path("code")).isEqualTo("INVALID_TRANSITION");
        assertThat(ClinicFixture.move(TestTokens.forDoctor(doctor), id, "COMPLETED").<String>path("code"))
                .isEqualTo("INVALID_TRANSITION");

        assertThat(ClinicFixture.move(TestTokens.withRoles("STAFF"), id, "CHECKED_IN").<String>path("status")).isEqualTo("CHECKED_IN");
        assertThat(ClinicFixture.move(TestTokens.forDoctor(doctor), id, "COMPLETED").<String>path("status")).isEqualTo("COMPLETED");
        assertThat(ClinicFixture.move(TestTokens.withRoles("ADMIN"), id, "CANCELLED").<String>path("code"))
                .isEqualTo("INVALID_TRANSITION");
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
