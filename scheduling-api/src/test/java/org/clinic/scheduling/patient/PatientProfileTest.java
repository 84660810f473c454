package org.clinic.scheduling.patient;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class PatientProfileTest {

    private static final String STAFF = TestTokens.withRoles("STAFF");

    private static Map<String, Object> profile(String lastName) {
        Map<String, Object> body = new HashMap<>();
        body.put("firstName", "Helena");
        body.put("lastName", lastName);
        body.put("dateOfBirth", "1971-08-09");
        body.put("gender", "female");
        body.put("phone", "+351 913 000 111");
        body.put("email", lastName.toLowerCase() + "@example.org");
        body.put("address", Map.of("line1", "Rua das Flores 12", "city", "Porto", "postalCode", "4050-262", "country", "PT"));
        body.put("emergencyContact", Map.of("name", "Jorge Matos", "relationship", "spouse", "phone", "+351 913 000 222"));
        body.put("identifiers", List.of(Map.of("system", "urn:pt:sns", "value", "123456789")));
        body.put("coverages", List.of(Map.of("payer", "Medis", "plan", "Gold", "memberId", "M-77", "validFrom", "2026-01-01",
                "primary", true)));
        body.put("consentEmail", true);
        body.put("consentSms", false);
        body.put("preferredLanguage", "pt");
        return body;
    }

    private static ExtractableResponse<Response> create(Map<String, Object> body) {
        return given().auth().oauth2(STAFF).contentType(ContentType.JSON).body(body)
                .post("/api/v1/patients").then().extract();
    }

    @Test
    void theFrontDeskRegistersAFullProfileWithARecordNumber() {
        String lastName = "Matos" + UUID.randomUUID().toString().substring(0, 6);
        ExtractableResponse<Response> created = create(profile(lastName));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.<String>path("medicalRecordNumber")).matches("MRN\\d{8}");
        assertThat(created.header("ETag")).isNotBlank();

        given().auth().oauth2(STAFF).get(created.header("Location")).then().statusCode(200)
                .body("address.city", equalTo("Porto"))
                .body("identifiers[0].value", equalTo("123456789"))
                .body("coverages[0].payer", equalTo("Medis"))
                .body("emergencyContact.relationship", equalTo("spouse"));
    }

    @Test
    void updatesNeedTheCurrentETag() {
        String lastName = "Costa" + UUID.randomUUID().toString().substring(0, 6);
        ExtractableResponse<Response> created = create(profile(lastName));
        String location = created.header("Location");
        String etag = created.header("ETag");
        Map<String, Object> changed = profile(lastName);
        changed.put("phone", "+351 960 000 000");

        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body(changed).put(location)
                .then().statusCode(428).body("code", equalTo("PRECONDITION_REQUIRED"));
        String newEtag = given().auth().oauth2(STAFF).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .put(location).then().statusCode(200).body("phone", equalTo("+351 960 000 000")).extract().header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).header("If-Match", etag).body(changed)
                .put(location).then().statusCode(412).body("code", equalTo("STALE_VERSION"));
    }

    @Test
    void aPatientEditsTheirOwnProfileOnly() {
        String mine = create(profile("Own" + UUID.randomUUID().toString().substring(0, 6))).header("Location");
        String theirs = create(profile("Other" + UUID.randomUUID().toString().substring(0, 6))).header("Location");
        String token = TestTokens.forPatient(UUID.fromString(mine.replaceAll(".*/", "")));

        String etag = given().auth().oauth2(token).get(mine).then().statusCode(200).extract().header("ETag");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag)
                .body(profile("Renamed")).put(mine).then().statusCode(200).body("lastName", equalTo("Renamed"));
        String theirEtag = given().auth().oauth2(STAFF).get(theirs).then().extract().header("ETag");
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", theirEtag)
                .body(profile("Hijacked")).put(theirs).then().statusCode(404);
        given().auth().oauth2(token).get("/api/v1/patients/search").then().statusCode(403);
    }

    @Test
    void searchFindsByEachFilterAndForgetsDeactivatedPatients() {
        String lastName = "Quaresma" + UUID.randomUUID().toString().substring(0, 6);
        ExtractableResponse<Response> created = create(profile(lastName));
        String mrn = created.path("medicalRecordNumber");

        given().auth().oauth2(STAFF).queryParam("name", lastName.toLowerCase()).get("/api/v1/patients/search")
                .then().statusCode(200).body("totalItems", equalTo(1));
        given().auth().oauth2(STAFF).queryParam("medicalRecordNumber", mrn).get("/api/v1/patients/search")
                .then().statusCode(200).body("items[0].lastName", equalTo(lastName));
        given().auth().oauth2(STAFF).queryParam("email", lastName.toUpperCase() + "@example.org")
                .queryParam("dateOfBirth", "1971-08-09").get("/api/v1/patients/search")
                .then().statusCode(200).body("totalItems", equalTo(1));

        given().auth().oauth2(STAFF).delete(created.header("Location")).then().statusCode(204);
        given().auth().oauth2(STAFF).queryParam("medicalRecordNumber", mrn).get("/api/v1/patients/search")
                .then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(STAFF).get(created.header("Location")).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void badFieldsAreNamed() {
        Map<String, Object> body = profile("Bad");
        body.put("gender", "robot");
        body.put("identifiers", List.of(Map.of("system", "urn:pt:sns")));
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body(body).post("/api/v1/patients")
                .then().statusCode(400)
                .body("errors.field", hasItem("gender"))
                .body("errors.field", hasItem("identifiers[0].value"));
        body = profile("Bad");
        body.put("dateOfBirth", "1971-02-30");
        given().auth().oauth2(STAFF).contentType(ContentType.JSON).body(body).post("/api/v1/patients")
                .then().statusCode(400).body("errors.field", hasItem("dateOfBirth"));
        given().auth().oauth2(STAFF).queryParam("size", 101).get("/api/v1/patients")
                .then().statusCode(400).body("errors.field", hasItem("size"));
    }
}
