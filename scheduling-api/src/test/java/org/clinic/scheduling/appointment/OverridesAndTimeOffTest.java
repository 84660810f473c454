package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class OverridesAndTimeOffTest {

    @Inject
    Pool database;

    private static List<String> slotsOn(UUID doctor, LocalDate date) {
        ZoneId zone = ZoneId.of(ClinicFixture.ZONE);
        return given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .queryParam("from", date.atStartOfDay(zone).toOffsetDateTime().toString())
                .queryParam("to", date.plusDays(1).atStartOfDay(zone).toOffsetDateTime().toString())
                .get("/api/v1/appointments/doctor/" + doctor + "/available-slots")
                .then().statusCode(200).extract().jsonPath().getList("start");
    }

    @Test
    void aClosedDayHasNoSlotsAndOtherHoursReplaceTheRules() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        LocalDate day = LocalDate.now(ZoneId.of(ClinicFixture.ZONE)).plusDays(3);
        assertThat(slotsOn(doctor, day)).hasSize(24);

        String closed = given().auth().oauth2(TestTokens.forDoctor(doctor)).contentType(ContentType.JSON)
                .body(Map.of("date", day.toString(), "reason", "Training"))
                .post("/api/v1/doctors/" + doctor + "/availability/overrides").then().statusCode(201).extract().path("id");
        assertThat(slotsOn(doctor, day)).isEmpty();

        given().auth().oauth2(TestTokens.forDoctor(doctor))
                .delete("/api/v1/doctors/" + doctor + "/availability/overrides/" + closed).then().statusCode(204);
        given().auth().oauth2(TestTokens.withRoles("STAFF")).contentType(ContentType.JSON)
                .body(Map.of("date", day.toString(), "startTime", "10:00", "endTime", "11:00"))
                .post("/api/v1/doctors/" + doctor + "/availability/overrides").then().statusCode(201);
        assertThat(slotsOn(doctor, day)).extracting(s -> OffsetDateTime.parse(s).atZoneSameInstant(ZoneId.of(ClinicFixture.ZONE))
                .toLocalTime().toString()).containsExactly("10:00", "10:30");

        given().auth().oauth2(TestTokens.withRoles("STAFF")).contentType(ContentType.JSON)
                .body(Map.of("date", day.toString(), "startTime", "10:00"))
                .post("/api/v1/doctors/" + doctor + "/availability/overrides").then().statusCode(400);
    }

    @Test
    void timeOffRemovesSlotsAndRefusesBookingsInside() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        ZoneId zone = ZoneId.of(ClinicFixture.ZONE);
        LocalDate day = LocalDate.now(zone).plusDays(4);
        String nine = day.atTime(9, 0).atZone(zone).toOffsetDateTime().toString();
        given().auth().oauth2(TestTokens.forDoctor(doctor)).contentType(ContentType.JSON)
                .body(Map.of("start", day.atTime(8, 0).atZone(zone).toOffsetDateTime().toString(),
                        "end", day.atTime(12, 0).atZone(zone).toOffsetDateTime().toString(), "reason", "Conference"))
                .post("/api/v1/doctors/" + doctor + "/time-off").then().statusCode(201);

        assertThat(slotsOn(doctor, day)).hasSize(16).allSatisfy(s ->
                assertThat(OffsetDateTime.parse(s).atZoneSameInstant(zone).getHour()).isGreaterThanOrEqualTo(12));
        UUID patient = ClinicFixture.patient(database);
        var refused = ClinicFixture.book(TestTokens.withRoles("STAFF"), doctor, patient, nine);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("code")).isEqualTo("SLOT_UNAVAILABLE");
    }
}
