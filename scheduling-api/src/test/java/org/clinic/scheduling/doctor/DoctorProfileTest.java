package org.clinic.scheduling.doctor;

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
class DoctorProfileTest {

    private static final String ADMIN = TestTokens.withRoles("ADMIN");

    private static String specialization() {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("code", "d-" + UUID.randomUUID().toString().substring(0, 8), "name", "Neurology"))
                .post("/api/v1/specializations").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> doctor(String lastName, String specialization) {
        Map<String, Object> body = new HashMap<>(Map.of("firstName", "Paulo", "lastName", lastName,
                "licenseNumber", "L-" + UUID.randomUUID(), "specializationIds", List.of(specialization),
                "defaultVisitMinutes", 45, "languages", List.of("pt", "fr")));
        return body;
    }

    private static ExtractableResponse<Response> create(Map<String, Object> body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).post("/api/v1/doctors").then().extract();
    }

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool database;

    @Test
    void theCreationIsAnnouncedInTheDocumentedShape() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var example = mapper.readTree(org.clinic.common.testing.EventExamples.read("scheduling.doctor.created.json"));
        Map<String, Object> body = doctor("Lima", specialization());
        String id = create(body).response().then().statusCode(201).extract().path("id");

        String payload = database.preparedQuery("select payload::text from outbox_event where subject = $1 and event_type = $2")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, example.path("type").asText()))
                .await().atMost(java.time.Duration.ofSeconds(5)).iterator().next().getString(0);
        var data = mapper.readTree(payload).path("data");
        java.util.Set<String> fields = new java.util.TreeSet<>();
        data.fieldNames().forEachRemaining(fields::add);
        java.util.Set<String> documented = new java.util.TreeSet<>();
        example.path("data").fieldNames().forEachRemaining(documented::add);
        assertThat(fields).isEqualTo(documented);
        assertThat(data.path("licenseNumber").asText()).isEqualTo(body.get("licenseNumber"));
    }

    @Test
    void aDoctorAndTheirLoginAreCreatedInOneCall() {
        String email = "dr-" + UUID.randomUUID() + "@clinic.test";
        Map<String, Object> body = doctor("Vieira", specialization());
        body.put("account", Map.of("email", email, "password", "neurons fire together"));
        String id = create(body).response().then().statusCode(201).extract().path("id");

        String token = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "neurons fire together"))
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("accessToken");
        given().auth().oauth2(token).get("/api/v1/auth/me").then().body("doctorId", equalTo(id)).body("roles", hasItem("DOCTOR"));
    }

    @Test
    void aWeakAccountPasswordCreatesNeitherDoctorNorLogin() {
        String license = "L-" + UUID.randomUUID();
        Map<String, Object> body = doctor("Weak", specialization());
        body.put("licenseNumber", license);
        body.put("account", Map.of("email", "weak-" + UUID.randomUUID() + "@clinic.test", "password", "short"));
        create(body).response().then().statusCode(400).body("errors.field", hasItem("account.password"));
        // The license is still free: nothing was stored.
        body.remove("account");
        create(body).response().then().statusCode(201);
    }

    @Test
    void updatesNeedTheCurrentETagAndDeactivatedDoctorsLeaveSearch() {
        String spec = specialization();
        String lastName = "Sousa" + UUID.randomUUID().toString().substring(0, 6);
        ExtractableResponse<Response> created = create(doctor(lastName, spec));
        String location = created.header("Location");
        String etag = created.header("ETag");

        Map<String, Object> changed = doctor(lastName, spec);
        changed.put("licenseNumber", created.path("licenseNumber"));
        changed.put("bufferMinutes", 15);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag).body(changed).put(location)
                .then().statusCode(200).body("bufferMinutes", equalTo(15));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("If-Match", etag).body(changed).put(location)
                .then().statusCode(412);

        given().auth().oauth2(TestTokens.withRoles("PATIENT")).queryParam("name", lastName.toLowerCase())
                .queryParam("language", "fr").queryParam("specialization", spec)
                .get("/api/v1/doctors").then().statusCode(200).body("totalItems", equalTo(1));
        given().auth().oauth2(ADMIN).delete(location).then().statusCode(204);
        given().auth().oauth2(TestTokens.withRoles("PATIENT")).queryParam("name", lastName.toLowerCase())
                .get("/api/v1/doctors").then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(TestTokens.withRoles("PATIENT")).get(location).then().statusCode(404);
        assertThat(given().auth().oauth2(TestTokens.withRoles("PATIENT")).get("/api/v1/doctors/specialization/" + spec)
                .then().statusCode(200).extract().<Integer>path("totalItems")).isZero();
    }
}
