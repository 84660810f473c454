package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class NextAvailableTest {

    @Inject
    Pool database;

    private static UUID doctorWithHours(UUID specialization, UUID location, String start, String end) {
        UUID doctor = UUID.fromString(given().auth().oauth2(ClinicFixture.admin()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Ana", "lastName", "Teixeira", "licenseNumber", "L-" + UUID.randomUUID(),
                        "specializationIds", List.of(specialization), "defaultVisitMinutes", 60))
                .post("/api/v1/doctors").then().statusCode(201).extract().path("id"));
        for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")) {
            given().auth().oauth2(ClinicFixture.admin()).contentType(ContentType.JSON)
                    .body(Map.of("dayOfWeek", day, "startTime", start, "endTime", end, "slotMinutes", 60,
                            "locationId", location, "validFrom", LocalDate.now().minusDays(1).toString()))
                    .post("/api/v1/doctors/" + doctor + "/availability").then().statusCode(201);
        }
        return doctor;
    }

    private static List<Map<String, Object>> search(UUID specialization, int limit) {
        // From midnight (UTC, which is Lisbon's winter time) two days ahead: the same answer at any hour.
        OffsetDateTime from = LocalDate.now(ZoneOffset.UTC).plusDays(2).atStartOfDay().atOffset(ZoneOffset.UTC);
        return given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .queryParam("specialization", specialization).queryParam("limit", limit)
                .queryParam("from", from.toString()).queryParam("to", from.plusDays(2).toString())
                .get("/api/v1/slots").then().statusCode(200).extract().jsonPath().getList("$");
    }

    @Test
    void theEarliestSlotsComeFromWhicheverDoctorIsFreeFirst() {
        UUID specialization = ClinicFixture.specialization();
        UUID location = ClinicFixture.location();
        UUID early = doctorWithHours(specialization, location, "08:00", "10:00");
        UUID late = doctorWithHours(specialization, location, "09:00", "11:00");

        List<Map<String, Object>> slots = search(specialization, 3);
        assertThat(slots).hasSize(3);
        assertThat(slots).extracting(s -> s.get("doctorId")).containsExactly(early.toString(),
                // 09:00 is offered by both; ties go by doctor id
                early.toString().compareTo(late.toString()) < 0 ? early.toString() : late.toString(),
                early.toString().compareTo(late.toString()) < 0 ? late.toString() : early.toString());

        // Booking the earliest one takes it out of the search.
        UUID patient = ClinicFixture.patient(database);
        String first = (String) slots.get(0).get("start");
        assertThat(ClinicFixture.book(TestTokens.withRoles("STAFF"), early, patient, first).statusCode()).isEqualTo(201);
        assertThat(search(specialization, 3)).extracting(s -> s.get("start")).doesNotContain(first);
    }

    @Test
    void aSearchNeedsASpecialization() {
        given().auth().oauth2(TestTokens.withRoles("PATIENT")).get("/api/v1/slots")
                .then().statusCode(400).body("errors.field", hasItem("specialization"));
    }
}
