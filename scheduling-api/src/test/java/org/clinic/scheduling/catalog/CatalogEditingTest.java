package org.clinic.scheduling.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Specializations and locations are edited and retired with If-Match; retired ones stay readable, not usable. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class CatalogEditingTest {

    private static String admin() {
        return TestTokens.withRoles("ADMIN");
    }

    private static String specialization() {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("code", "spec-" + UUID.randomUUID().toString().substring(0, 8), "name", "Dermatology"))
                .post("/api/v1/specializations").then().statusCode(201).extract().path("id");
    }

    private static String location() {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("name", "Clinica " + UUID.randomUUID(), "address", "Rua A 1", "timeZone", "Europe/Lisbon"))
                .post("/api/v1/locations").then().statusCode(201).extract().path("id");
    }

    private static String etag(String path) {
        return given().auth().oauth2(admin()).get(path).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void anAdminRenamesASpecializationWithTheETagOfTheLastRead() {
        String path = "/api/v1/specializations/" + specialization();
        String etag = etag(path);

        given().auth().oauth2(admin()).contentType(ContentType.JSON).body(Map.of("name", "Skin"))
                .put(path).then().statusCode(428).body("code", equalTo("PRECONDITION_REQUIRED"));
        ExtractableResponse<Response> renamed = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .header("If-Match", etag).body(Map.of("name", "Skin"))
                .put(path).then().statusCode(200).body("name", equalTo("Skin")).extract();
        assertThat(renamed.header("ETag")).isNotEqualTo(etag);
        // A second writer still holding the first read is refused, not silently overwritten.
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag).body(Map.of("name", "Hair"))
                .put(path).then().statusCode(412).body("code", equalTo("STALE_VERSION"));
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", renamed.header("ETag"))
                .body(Map.of("name", " "))
                .put(path).then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(TestTokens.withRoles("STAFF")).contentType(ContentType.JSON)
                .header("If-Match", renamed.header("ETag")).body(Map.of("name", "Hair"))
                .put(path).then().statusCode(403);
    }

    @Test
    void aRetiredSpecializationIsHiddenFromTheListKeptByIdAndRefusedForNewDoctors() {
        String id = specialization();
        String path = "/api/v1/specializations/" + id;
        given().auth().oauth2(admin()).post(path + "/retire").then().statusCode(428);
        given().auth().oauth2(admin()).header("If-Match", etag(path)).post(path + "/retire")
                .then().statusCode(200).body("retiredAt", notNullValue());

        assertThat(listed("/api/v1/specializations", TestTokens.withRoles("PATIENT"), false)).doesNotContain(id);
        assertThat(listed("/api/v1/specializations", admin(), true)).contains(id);
        given().auth().oauth2(TestTokens.withRoles("PATIENT")).queryParam("includeRetired", true)
                .get("/api/v1/specializations").then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("PATIENT")).get(path)
                .then().statusCode(200).body("retiredAt", notNullValue());

        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Rui", "lastName", "Sousa", "licenseNumber", "L-" + UUID.randomUUID(),
                        "specializationIds", List.of(id), "defaultVisitMinutes", 30, "requiresAcceptance", false))
                .post("/api/v1/doctors").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("specializationIds"));
    }

    @Test
    void aDoctorKeepsASpecializationRetiredSinceWhenTheProfileIsEdited() {
        String kept = specialization();
        Map<String, Object> profile = Map.of("firstName", "Rui", "lastName", "Sousa", "licenseNumber", "L-" + UUID.randomUUID(),
                "specializationIds", List.of(kept), "defaultVisitMinutes", 30, "requiresAcceptance", false);
        ExtractableResponse<Response> doctor = given().auth().oauth2(admin()).contentType(ContentType.JSON).body(profile)
                .post("/api/v1/doctors").then().statusCode(201).extract();
        String path = "/api/v1/specializations/" + kept;
        given().auth().oauth2(admin()).header("If-Match", etag(path)).post(path + "/retire").then().statusCode(200);

        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", doctor.header("ETag")).body(profile)
                .put("/api/v1/doctors/" + doctor.path("id")).then().statusCode(200);
    }

    @Test
    void anAdminEditsALocationButNotItsTimeZone() {
        String path = "/api/v1/locations/" + location();
        String etag = etag(path);
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("name", "Clinica Norte", "address", "Rua B 2", "timeZone", "Europe/Madrid"))
                .put(path).then().statusCode(400).body("errors.field", hasItem("timeZone"));
        String renamed = given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("name", "Clinica Norte", "address", "Rua B 2", "timeZone", "Europe/Lisbon"))
                .put(path).then().statusCode(200)
                .body("name", equalTo("Clinica Norte")).body("address", equalTo("Rua B 2")).body("retiredAt", nullValue())
                .extract().header("ETag");
        given().auth().oauth2(admin()).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("name", "Clinica Sul", "timeZone", "Europe/Lisbon"))
                .put(path).then().statusCode(412);
        assertThat(renamed).isNotEqualTo(etag);
    }

    @Test
    void aRetiredLocationIsHiddenAndRefusedForNewWeeklyHours() {
        String doctor = given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("firstName", "Rui", "lastName", "Sousa", "licenseNumber", "L-" + UUID.randomUUID(),
                        "specializationIds", List.of(specialization()), "defaultVisitMinutes", 30, "requiresAcceptance", false))
                .post("/api/v1/doctors").then().statusCode(201).extract().path("id");
        String id = location();
        String path = "/api/v1/locations/" + id;
        given().auth().oauth2(admin()).header("If-Match", etag(path)).post(path + "/retire")
                .then().statusCode(200).body("retiredAt", notNullValue());

        assertThat(listed("/api/v1/locations", TestTokens.withRoles("PATIENT"), false)).doesNotContain(id);
        assertThat(listed("/api/v1/locations", admin(), true)).contains(id);
        given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body(Map.of("dayOfWeek", "MONDAY", "startTime", "09:00", "endTime", "12:00", "slotMinutes", 30,
                        "locationId", id, "validFrom", LocalDate.now().toString()))
                .post("/api/v1/doctors/" + doctor + "/availability").then().statusCode(400)
                .body("errors.field", hasItem("locationId"));
    }

    /** Every id a list shows, page by page. */
    private static List<String> listed(String path, String token, boolean includeRetired) {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            List<String> items = given().auth().oauth2(token).queryParam("includeRetired", includeRetired)
                    .queryParam("size", 100).queryParam("page", page)
                    .get(path).then().statusCode(200).extract().path("items.id");
            ids.addAll(items);
            if (items.size() < 100) {
                return ids;
            }
        }
    }
}
