package org.clinic.scheduling.availability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class AvailabilityRulesTest {

    private static String admin() {
        return TestTokens.withRoles("ADMIN");
    }

    private static UUID newDoctor() {
        String spec = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "s-" + UUID.randomUUID().toString().substring(0, 8), "name", "Dermatology"))
                .post("/api/v1/specializations").then().statusCode(201).extract().path("id");
        return UUID.fromString(given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Rui", "lastName", "Costa", "licenseNumber", "L-" + UUID.randomUUID(),
                        "specializationIds", List.of(spec), "defaultVisitMinutes", 20))
                .post("/api/v1/doctors").then().statusCode(201).extract().path("id"));
    }

    private static Map<String, Object> telehealthRule(String start, String end, int minutes, String zone) {
        Map<String, Object> rule = new HashMap<>(Map.of("dayOfWeek", "TUESDAY", "startTime", start, "endTime", end,
                "slotMinutes", minutes, "telehealth", true));
        if (zone != null) {
            rule.put("timeZone", zone);
        }
        return rule;
    }

    private static io.restassured.response.ValidatableResponse post(String token, UUID doctor, Map<String, Object> rule) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(rule)
                .post("/api/v1/doctors/" + doctor + "/availability").then();
    }

    @Test
    void badRulesAreProblemsNamingTheField() {
        UUID doctor = newDoctor();
        post(admin(), doctor, telehealthRule("10:00", "09:00", 30, "Europe/Berlin"))
                .statusCode(400).body("errors.field", hasItem("endTime"));
        post(admin(), doctor, telehealthRule("09:00", "10:00", 25, "Europe/Berlin"))
                .statusCode(400).body("errors.field", hasItem("slotMinutes"));
        post(admin(), doctor, telehealthRule("09:00", "10:00", 30, "Mars/Olympus_Mons"))
                .statusCode(400).body("errors.field", hasItem("timeZone"));
        post(admin(), doctor, telehealthRule("09:00", "10:00", 30, null))
                .statusCode(400).body("errors.field", hasItem("timeZone"));
        post(admin(), doctor, telehealthRule("9 o'clock", "10:00", 30, "Europe/Berlin"))
                .statusCode(400).body("errors.field", hasItem("startTime"));
    }

    @Test
    void overlappingRulesAreRefused() {
        UUID doctor = newDoctor();
        post(admin(), doctor, telehealthRule("09:00", "12:00", 30, "America/New_York")).statusCode(201);
        post(admin(), doctor, telehealthRule("11:00", "13:00", 30, "America/New_York"))
                .statusCode(409).body("code", equalTo("RULE_OVERLAP"));
        post(admin(), doctor, telehealthRule("12:00", "13:00", 30, "America/New_York")).statusCode(201);
    }

    @Test
    void aRuleIsReplacedWithItsCurrentVersionOnly() {
        UUID doctor = newDoctor();
        var created = post(admin(), doctor, telehealthRule("09:00", "12:00", 30, "Europe/Berlin")).statusCode(201).extract();
        String location = created.header("Location");
        String etag = created.header("ETag");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(telehealthRule("09:00", "13:00", 60, "Europe/Berlin")).put(location)
                .then().statusCode(200).body("slotMinutes", equalTo(60)).body("endTime", equalTo("13:00:00"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(telehealthRule("09:00", "11:00", 60, "Europe/Berlin")).put(location)
                .then().statusCode(412);
        given().auth().oauth2(admin()).get("/api/v1/doctors/" + doctor + "/availability")
                .then().body("[0].version", equalTo(1)).body("size()", equalTo(1));
    }

    @Test
    void aDoctorEditsOnlyTheirOwnAvailability() {
        UUID doctor = newDoctor();
        post(TestTokens.forDoctor(UUID.randomUUID()), doctor, telehealthRule("09:00", "10:00", 30, "Europe/Berlin"))
                .statusCode(403);
        post(TestTokens.forDoctor(doctor), doctor, telehealthRule("09:00", "10:00", 30, "Europe/Berlin")).statusCode(201);
        post(TestTokens.withRoles("PATIENT"), doctor, telehealthRule("14:00", "15:00", 30, "Europe/Berlin")).statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("PATIENT")).get("/api/v1/doctors/" + doctor)
                .then().statusCode(200).body("availability[0].startTime", equalTo("09:00:00"));
    }
}
