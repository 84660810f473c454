package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Input that used to reach PostgreSQL or date arithmetic and fail there as a 500: NUL characters,
 * huge page numbers, years of ±999,999,999. Each is a 400 problem naming the field.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class HostileInputTest {

    @Inject
    Pool database;

    @Test
    void aNulCharacterInASearchParameterIsRefusedNamingIt() {
        String staff = TestTokens.withRoles("STAFF");
        assertNamesField(given().auth().oauth2(staff).urlEncodingEnabled(false).get("/api/v1/patients/search?name=Sil%00va"), "name");
        assertNamesField(given().auth().oauth2(staff).urlEncodingEnabled(false).get("/api/v1/doctors?name=Lo%00pes"), "name");
    }

    @Test
    void aNulCharacterInABookingsTextIsRefusedNamingTheField() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        Map<String, Object> booking = new HashMap<>(Map.of("doctorId", doctor, "patientId", patient, "start", slot,
                "type", "consultation", "reason", "head\u0000ache"));
        assertNamesField(post(booking), "reason");
        booking.put("reason", "headache");
        booking.put("type", "consul\u0000tation");
        assertNamesField(post(booking), "type");
        // Nothing was booked: the slot is still free.
        assertThat(ClinicFixture.freeSlots(doctor)).contains(slot);
    }

    @Test
    void pagesFarPastTheEndAreRefusedNamingPage() {
        String staff = TestTokens.withRoles("STAFF");
        assertNamesField(given().auth().oauth2(staff).queryParam("page", Integer.MAX_VALUE).get("/api/v1/appointments"), "page");
        assertNamesField(given().auth().oauth2(staff).queryParam("page", Integer.MAX_VALUE).get("/api/v1/doctors"), "page");
        assertNamesField(given().auth().oauth2(staff).queryParam("page", Integer.MAX_VALUE).get("/api/v1/patients"), "page");
        // Within the page bound, but page * size still starts past the offset bound.
        assertNamesField(given().auth().oauth2(staff).queryParam("page", 101).queryParam("size", 100).get("/api/v1/locations"), "page");
        assertThat(given().auth().oauth2(staff).queryParam("page", 100).queryParam("size", 100).get("/api/v1/locations").statusCode())
                .isEqualTo(200);
    }

    @Test
    void yearsOutsideTheCalendarAreRefusedNamingTheField() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        for (String start : new String[] {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z"}) {
            assertNamesField(post(Map.of("doctorId", doctor, "patientId", patient, "start", start)), "start");
            assertNamesField(given().auth().oauth2(TestTokens.forPatient(patient)).urlEncodingEnabled(false)
                    .get("/api/v1/appointments/doctor/" + doctor + "/available-slots?from=" + start.replace("+", "%2B")), "from");
        }
        assertNamesField(given().auth().oauth2(TestTokens.withRoles("STAFF")).urlEncodingEnabled(false)
                .get("/api/v1/slots?specialization=" + UUID.randomUUID() + "&to=%2B999999999-12-31T23:59:59Z"), "to");
    }

    @Test
    void aBirthDateOutsideTheCalendarIsRefusedAtRegistration() {
        for (String birth : new String[] {"-999999998-01-01", "-999999999-01-01"}) {
            Map<String, Object> registration = Map.of("email", "hostile-" + UUID.randomUUID() + "@clinic.test",
                    "password", "a perfectly long passphrase", "firstName", "Eva", "lastName", "Lopes", "dateOfBirth", birth);
            // Field paths of JSON bodies are named after the body's property.
            Response answer = given().contentType(ContentType.JSON).body(registration).post("/api/v1/auth/register");
            assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
            assertThat(answer.jsonPath().getList("errors.field", String.class)).anyMatch(f -> f.endsWith("dateOfBirth"));
        }
    }

    private static Response post(Map<String, Object> booking) {
        return given().auth().oauth2(TestTokens.withRoles("STAFF")).contentType(ContentType.JSON).body(booking)
                .post("/api/v1/appointments");
    }

    private static void assertNamesField(Response answer, String field) {
        assertThat(answer.statusCode()).as(answer.asString()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.<String>path("code")).isEqualTo("VALIDATION_FAILED");
        assertThat(answer.jsonPath().getList("errors.field")).containsExactly(field);
    }
}
