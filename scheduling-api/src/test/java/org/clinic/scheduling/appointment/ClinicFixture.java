package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.TestTokens;

/** Builds what a booking needs through the API: a location, a specialization, a doctor with hours, patients. */
final class ClinicFixture {

    static final String ZONE = "Europe/Lisbon";

    private ClinicFixture() {
    }

    static String admin() {
        return TestTokens.withRoles("ADMIN");
    }

    static UUID location() {
        return UUID.fromString(given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clinica " + UUID.randomUUID(), "timeZone", ZONE))
                .post("/api/v1/locations").then().statusCode(201).extract().path("id"));
    }

    static UUID specialization() {
        return UUID.fromString(given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "spec-" + UUID.randomUUID().toString().substring(0, 8), "name", "General practice"))
                .post("/api/v1/specializations").then().statusCode(201).extract().path("id"));
    }

    /** A doctor open every day 08:00-20:00 in 30-minute slots at a new location. */
    static UUID doctor(boolean requiresAcceptance, int bufferMinutes) {
        UUID doctorId = UUID.fromString(given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Ines", "lastName", "Moreira", "licenseNumber", "L-" + UUID.randomUUID(),
                        "specializationIds", List.of(specialization()), "defaultVisitMinutes", 30,
                        "requiresAcceptance", requiresAcceptance, "bufferMinutes", bufferMinutes, "minNoticeMinutes", 0,
                        "languages", List.of("pt", "en")))
                .post("/api/v1/doctors").then().statusCode(201).extract().path("id"));
        UUID location = location();
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            given().auth().oauth2(admin()).contentType(ContentType.JSON)
                    .body(Map.of("dayOfWeek", day, "startTime", "08:00", "endTime", "20:00", "slotMinutes", 30,
                            "locationId", location, "validFrom", LocalDate.now().minusDays(1).toString()))
                    .post("/api/v1/doctors/" + doctorId + "/availability").then().statusCode(201);
        }
        return doctorId;
    }

    /** A patient row, inserted directly: bookings only need the profile to exist. */
    static UUID patient(Pool database) {
        UUID id = UUID.randomUUID();
        database.preparedQuery("insert into patient (id, first_name, last_name, date_of_birth, active, created_at, updated_at) "
                        + "values ($1, 'Test', 'Patient', '1980-01-01', true, now(), now())")
                .execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5));
        return id;
    }

    /** Free slot starts of a doctor over the next days (from tomorrow, to skip today's past hours). */
    static List<String> freeSlots(UUID doctorId) {
        OffsetDateTime from = OffsetDateTime.now().plusDays(1);
        return given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .queryParam("from", from.toString()).queryParam("to", from.plusDays(2).toString())
                .get("/api/v1/appointments/doctor/" + doctorId + "/available-slots")
                .then().statusCode(200).extract().jsonPath().getList("start");
    }

    static io.restassured.response.ExtractableResponse<io.restassured.response.Response> book(
            String token, UUID doctorId, UUID patientId, String start) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("doctorId", doctorId, "patientId", patientId, "start", start, "type", "consultation"))
                .post("/api/v1/appointments").then().extract();
    }

    static io.restassured.response.ExtractableResponse<io.restassured.response.Response> move(
            String token, String appointmentId, String status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("status", status, "reason", "test"))
                .put("/api/v1/appointments/" + appointmentId + "/status").then().extract();
    }
}
