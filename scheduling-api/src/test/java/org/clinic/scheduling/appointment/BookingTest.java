package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class BookingTest {

    @Inject
    Pool database;

    @Test
    void aBookedSlotDisappearsFromSearchUntilItIsCancelled() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);

        ExtractableResponse<Response> booked = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, slot);
        assertThat(booked.statusCode()).isEqualTo(201);
        assertThat(booked.<String>path("status")).isEqualTo("CONFIRMED");
        assertThat(booked.<String>path("fhirStatus")).isEqualTo("booked");
        assertThat(booked.<String>path("timeZone")).isEqualTo(ClinicFixture.ZONE);
        assertThat(ClinicFixture.freeSlots(doctor)).doesNotContain(slot);

        UUID other = ClinicFixture.patient(database);
        ExtractableResponse<Response> second = ClinicFixture.book(TestTokens.forPatient(other), doctor, other, slot);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.<String>path("code")).isIn("SLOT_TAKEN", "SLOT_UNAVAILABLE");

        String id = booked.path("id");
        assertThat(ClinicFixture.move(TestTokens.forPatient(patient), id, "CANCELLED").statusCode()).isEqualTo(200);
        assertThat(ClinicFixture.freeSlots(doctor)).contains(slot);

        given().auth().oauth2(TestTokens.forPatient(patient)).get("/api/v1/appointments/" + id + "/history")
                .then().statusCode(200)
                .body("toStatus", equalTo(List.of("CONFIRMED", "CANCELLED")))
                .body("[1].fromStatus", equalTo("CONFIRMED"));
    }

    @Test
    void fiftyConcurrentBookingsOfOneSlotLetExactlyOneWin() throws Exception {
        UUID doctor = ClinicFixture.doctor(false, 0);
        String slot = ClinicFixture.freeSlots(doctor).get(3);
        List<UUID> patients = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            patients.add(ClinicFixture.patient(database));
        }
        String staff = TestTokens.withRoles("STAFF");
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (UUID patient : patients) {
                results.add(pool.submit(() -> ClinicFixture.book(staff, doctor, patient, slot).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertThat(counts).containsEntry(201, 1L).containsEntry(409, 49L);
        } finally {
            pool.shutdownNow();
        }
        long rows = database.preparedQuery("select count(*) from appointment where doctor_id = $1 and status = 'CONFIRMED'")
                .execute(Tuple.of(doctor)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void theBufferAfterAVisitKeepsTheNextSlotFree() {
        UUID doctor = ClinicFixture.doctor(false, 10);
        UUID patient = ClinicFixture.patient(database);
        List<String> before = ClinicFixture.freeSlots(doctor);
        // Two back-to-back slots (not the last of a day and the first of the next, whatever the hour).
        int i = 0;
        while (!OffsetDateTime.parse(before.get(i)).plusMinutes(30).isEqual(OffsetDateTime.parse(before.get(i + 1)))) {
            i++;
        }
        String first = before.get(i);
        String next = before.get(i + 1);
        assertThat(ClinicFixture.book(TestTokens.withRoles("STAFF"), doctor, patient, first).statusCode()).isEqualTo(201);
        // The 30-minute visit plus its 10-minute buffer runs into the next slot: not offered, not bookable.
        assertThat(ClinicFixture.freeSlots(doctor)).doesNotContain(first, next);
        UUID other = ClinicFixture.patient(database);
        assertThat(ClinicFixture.book(TestTokens.withRoles("STAFF"), doctor, other, next).statusCode()).isEqualTo(409);
    }

    @Test
    void aPatientCannotBeInTwoPlacesAtOnce() {
        UUID doctorA = ClinicFixture.doctor(false, 0);
        UUID doctorB = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctorA).get(2);
        String token = TestTokens.forPatient(patient);
        assertThat(ClinicFixture.book(token, doctorA, patient, slot).statusCode()).isEqualTo(201);
        ExtractableResponse<Response> clash = ClinicFixture.book(token, doctorB, patient, slot);
        assertThat(clash.statusCode()).isEqualTo(409);
        assertThat(clash.<String>path("code")).isEqualTo("SLOT_TAKEN");
        assertThat(clash.<String>path("detail")).contains("patient");
    }

    @Test
    void aPatientBooksOnlyForThemselvesAndSeesOnlyTheirOwn() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        UUID other = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        assertThat(ClinicFixture.book(TestTokens.forPatient(other), doctor, patient, slot).statusCode()).isEqualTo(403);

        String id = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, slot).path("id");
        given().auth().oauth2(TestTokens.forPatient(other)).get("/api/v1/appointments/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.forDoctor(UUID.randomUUID())).get("/api/v1/appointments/" + id).then().statusCode(404);
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/appointments/" + id).then().statusCode(200);
        // The doctor now treats this patient: the profile opens to them, not to another doctor.
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient).then().statusCode(200);
        given().auth().oauth2(TestTokens.forDoctor(UUID.randomUUID())).get("/api/v1/patients/" + patient).then().statusCode(404);
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + other).then().statusCode(404);
    }

    @Test
    void aDoctorSeesTheirDayOthersDoNot() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, slot);
        String date = java.time.OffsetDateTime.parse(slot).toLocalDate().toString();

        given().auth().oauth2(TestTokens.forDoctor(doctor)).queryParam("date", date)
                .get("/api/v1/doctors/" + doctor + "/schedule")
                .then().statusCode(200)
                .body("timeZone", equalTo(ClinicFixture.ZONE))
                .body("appointments.size()", equalTo(1))
                .body("appointments[0].start", equalTo(slot))
                .body("freeSlots.start", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(slot)));
        given().auth().oauth2(TestTokens.forDoctor(UUID.randomUUID())).queryParam("date", date)
                .get("/api/v1/doctors/" + doctor + "/schedule").then().statusCode(404);
        given().auth().oauth2(TestTokens.withRoles("STAFF")).queryParam("date", "2026-02-30")
                .get("/api/v1/doctors/" + doctor + "/schedule").then().statusCode(400);
    }

    @Test
    void aSlotOffersOnlyItsRulesAppointmentTypes() {
        UUID doctor = UUID.fromString(given().auth().oauth2(ClinicFixture.admin()).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("firstName", "Ines", "lastName", "Moreira", "licenseNumber", "L-" + UUID.randomUUID(),
                        "specializationIds", List.of(ClinicFixture.specialization()), "defaultVisitMinutes", 30))
                .post("/api/v1/doctors").then().statusCode(201).extract().path("id"));
        UUID location = ClinicFixture.location();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            given().auth().oauth2(ClinicFixture.admin()).contentType(io.restassured.http.ContentType.JSON)
                    .body(Map.of("dayOfWeek", day, "startTime", "08:00", "endTime", "10:00", "slotMinutes", 30,
                            "locationId", location, "validFrom", java.time.LocalDate.now().minusDays(1).toString(),
                            "appointmentTypes", List.of("vaccination")))
                    .post("/api/v1/doctors/" + doctor + "/availability").then().statusCode(201);
        }
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        ExtractableResponse<Response> wrongType = ClinicFixture.book(TestTokens.withRoles("STAFF"), doctor, patient, slot);
        assertThat(wrongType.statusCode()).isEqualTo(409);
        assertThat(wrongType.<String>path("code")).isEqualTo("TYPE_NOT_OFFERED");
        given().auth().oauth2(TestTokens.withRoles("STAFF")).contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("doctorId", doctor, "patientId", patient, "start", slot, "type", "vaccination"))
                .post("/api/v1/appointments").then().statusCode(201);
        // Found by location; and its appointments stay readable once the doctor is deactivated.
        given().auth().oauth2(TestTokens.withRoles("PATIENT")).queryParam("location", location).get("/api/v1/doctors")
                .then().body("totalItems", equalTo(1)).body("items[0].id", equalTo(doctor.toString()));
        given().auth().oauth2(ClinicFixture.admin()).delete("/api/v1/doctors/" + doctor).then().statusCode(204);
        given().auth().oauth2(TestTokens.forPatient(patient)).get("/api/v1/appointments")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].type", equalTo("vaccination"));
    }

    @Test
    void aTimeOutsideAvailabilityIsRefused() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        String offGrid = java.time.OffsetDateTime.parse(slot).plusMinutes(7).toString();
        ExtractableResponse<Response> refused = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, offGrid);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("code")).isEqualTo("SLOT_UNAVAILABLE");
    }
}
