package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class RescheduleTest {

    @Inject
    Pool database;

    private static int reschedule(String token, String id, String start) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("start", start))
                .put("/api/v1/appointments/" + id).then().extract().statusCode();
    }

    @Test
    void reschedulingTakesTheNewTimeAndReleasesTheOld() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        List<String> free = ClinicFixture.freeSlots(doctor);
        String token = TestTokens.forPatient(patient);
        String id = ClinicFixture.book(token, doctor, patient, free.get(0)).path("id");

        // Half an hour later overlaps nothing but its own old time: allowed.
        assertThat(reschedule(token, id, free.get(1))).isEqualTo(200);
        List<String> after = ClinicFixture.freeSlots(doctor);
        assertThat(after).contains(free.get(0)).doesNotContain(free.get(1));
        given().auth().oauth2(token).get("/api/v1/appointments/" + id + "/history")
                .then().body("size()", equalTo(2)).body("[1].reason", org.hamcrest.Matchers.startsWith("rescheduled from "));
    }

    @Test
    void twoReschedulesRacingOntoOneSlotLetOneWinAndLeaveTheOtherUntouched() throws Exception {
        UUID doctor = ClinicFixture.doctor(false, 0);
        List<String> free = ClinicFixture.freeSlots(doctor);
        String staff = TestTokens.withRoles("STAFF");
        String first = ClinicFixture.book(staff, doctor, ClinicFixture.patient(database), free.get(0)).path("id");
        String second = ClinicFixture.book(staff, doctor, ClinicFixture.patient(database), free.get(2)).path("id");
        String target = free.get(4);

        List<CompletableFuture<Integer>> racing = new ArrayList<>();
        for (String id : List.of(first, second)) {
            racing.add(CompletableFuture.supplyAsync(() -> reschedule(staff, id, target)));
        }
        List<Integer> statuses = racing.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(statuses).containsExactly(200, 409);

        List<String> starts = List.of(first, second).stream()
                .map(id -> given().auth().oauth2(staff).get("/api/v1/appointments/" + id).then().extract().<String>path("start"))
                .toList();
        // The loser kept its original time.
        assertThat(starts).containsAnyOf(free.get(0), free.get(2));
        assertThat(ClinicFixture.freeSlots(doctor)).doesNotContain(target);
    }

    @Test
    void anAppointmentEnteredInErrorFreesItsTimeAndStaysReadable() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        String id = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, slot).path("id");

        given().auth().oauth2(TestTokens.forPatient(patient)).delete("/api/v1/appointments/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("STAFF")).delete("/api/v1/appointments/" + id)
                .then().statusCode(200).body("status", equalTo("ENTERED_IN_ERROR"));
        assertThat(ClinicFixture.freeSlots(doctor)).contains(slot);
        given().auth().oauth2(TestTokens.forPatient(patient)).get("/api/v1/appointments/" + id)
                .then().statusCode(200).body("fhirStatus", equalTo("entered-in-error"));
    }

    @Test
    void eachRoleListsOnlyWhatItMaySee() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        UUID other = ClinicFixture.patient(database);
        List<String> free = ClinicFixture.freeSlots(doctor);
        ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, free.get(0));
        ClinicFixture.book(TestTokens.forPatient(other), doctor, other, free.get(2));

        given().auth().oauth2(TestTokens.forPatient(patient)).get("/api/v1/appointments")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].patientId", equalTo(patient.toString()));
        // A patient filtering on someone else still only gets their own (none match both).
        given().auth().oauth2(TestTokens.forPatient(patient)).queryParam("patient", other).get("/api/v1/appointments")
                .then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/appointments")
                .then().statusCode(200).body("totalItems", equalTo(2));
        given().auth().oauth2(TestTokens.withRoles("STAFF")).queryParam("doctor", doctor).queryParam("status", "CONFIRMED")
                .get("/api/v1/appointments").then().statusCode(200).body("totalItems", equalTo(2));
        given().auth().oauth2(TestTokens.withRoles("STAFF")).queryParam("status", "SOMETHING")
                .get("/api/v1/appointments").then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("status"));
        given().auth().oauth2(TestTokens.withRoles("STAFF")).get("/api/v1/appointments/not-a-uuid")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("id"));
    }
}
