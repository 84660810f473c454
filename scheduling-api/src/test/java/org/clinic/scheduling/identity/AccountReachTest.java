package org.clinic.scheduling.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

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

/**
 * Who may give a login reach (issue 15): only admins create logins or link them to profiles,
 * within AccountRules, and every such act is audited.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class AccountReachTest {

    /** The test profile's bootstrap admin (application.properties), signed in for real. */
    private static String adminToken() {
        return Accounts.login("bootstrap-admin@clinic.test", "bootstrap admin passphrase").path("accessToken");
    }

    private static String specialization(String admin) {
        return given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("code", "r-" + UUID.randomUUID().toString().substring(0, 8), "name", "Oncology"))
                .post("/api/v1/specializations").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> doctor(String specialization) {
        return new HashMap<>(Map.of("firstName", "Ana", "lastName", "Reis", "licenseNumber", "L-" + UUID.randomUUID(),
                "specializationIds", List.of(specialization), "defaultVisitMinutes", 30));
    }

    private static ExtractableResponse<Response> post(String token, String path, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(path).then().extract();
    }

    private static Map<String, Object> login(String email, List<String> roles, String doctorId) {
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "password", Accounts.PASSWORD,
                "firstName", "Rui", "lastName", "Costa", "roles", roles));
        if (doctorId != null) {
            body.put("doctorId", doctorId);
        }
        return body;
    }

    @Test
    void staffCannotMintADoctorLogin() {
        String staff = TestTokens.withRoles("STAFF");
        Map<String, Object> body = doctor(specialization(adminToken()));
        String email = Accounts.uniqueEmail();
        body.put("account", Map.of("email", email, "password", "a password staff chose"));

        post(staff, "/api/v1/doctors", body).response().then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        assertThat(Accounts.login(email, "a password staff chose").statusCode()).isEqualTo(401);
        // Nothing was stored: the same profile can still be added, without a login.
        body.remove("account");
        post(staff, "/api/v1/doctors", body).response().then().statusCode(201);
    }

    @Test
    void aLoginCreatedWithItsDoctorIsAuditedWithTheAdminWhoDidIt() {
        String admin = adminToken();
        String adminId = given().auth().oauth2(admin).get("/api/v1/auth/me").then().extract().path("id");
        Map<String, Object> body = doctor(specialization(admin));
        String email = "dr-" + UUID.randomUUID() + "@clinic.test";
        body.put("account", Map.of("email", email, "password", Accounts.PASSWORD));
        String doctorId = post(admin, "/api/v1/doctors", body).response().then().statusCode(201).extract().path("id");

        String token = Accounts.login(email, Accounts.PASSWORD).path("accessToken");
        String accountId = given().auth().oauth2(token).get("/api/v1/auth/me").then()
                .body("doctorId", equalTo(doctorId)).extract().path("id");
        given().auth().oauth2(admin).get("/api/v1/users/" + accountId + "/audit").then().statusCode(200)
                .body("items[0].action", equalTo("CREATED"))
                .body("items[0].actorId", equalTo(adminId))
                .body("items[0].detail", equalTo("roles DOCTOR, doctor " + doctorId + ", patient null"));
    }

    @Test
    void anAdminCannotCarryADoctorsProfile() {
        String admin = adminToken();
        String doctorId = post(admin, "/api/v1/doctors", doctor(specialization(admin))).path("id");

        post(admin, "/api/v1/users", login(Accounts.uniqueEmail(), List.of("DOCTOR", "ADMIN"), doctorId)).response()
                .then().statusCode(400).body("errors.field", hasItem("roles"));
        post(admin, "/api/v1/users", login(Accounts.uniqueEmail(), List.of("STAFF"), doctorId)).response()
                .then().statusCode(400).body("errors.field", hasItem("doctorId"));
        post(admin, "/api/v1/users", login(Accounts.uniqueEmail(), List.of("DOCTOR"), UUID.randomUUID().toString())).response()
                .then().statusCode(400).body("errors.field", hasItem("doctorId"));
    }

    @Test
    void aDoctorProfileHasOneLogin() {
        String admin = adminToken();
        String doctorId = post(admin, "/api/v1/doctors", doctor(specialization(admin))).path("id");
        post(admin, "/api/v1/users", login(Accounts.uniqueEmail(), List.of("DOCTOR"), doctorId)).response()
                .then().statusCode(201).body("doctorId", equalTo(doctorId));

        post(admin, "/api/v1/users", login(Accounts.uniqueEmail(), List.of("DOCTOR"), doctorId)).response()
                .then().statusCode(409).body("code", equalTo("PROFILE_ALREADY_LINKED"));
    }

    @Test
    void anAdminLinksAndUnlinksALoginAndItsSessionsEnd() {
        String admin = adminToken();
        String email = Accounts.uniqueEmail();
        ExtractableResponse<Response> created = post(admin, "/api/v1/users", login(email, List.of("DOCTOR"), null));
        String accountId = created.path("id");
        String doctorId = post(admin, "/api/v1/doctors", doctor(specialization(admin))).path("id");
        String refresh = Accounts.login(email, Accounts.PASSWORD).path("refreshToken");

        Map<String, Object> link = new HashMap<>(Map.of("firstName", "Rui", "lastName", "Costa",
                "roles", List.of("DOCTOR"), "doctorId", doctorId, "enabled", true));
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(link).put("/api/v1/users/" + accountId)
                .then().statusCode(428);
        String etag = given().auth().oauth2(admin).get("/api/v1/users/" + accountId).then().statusCode(200).extract().header("ETag");
        String linkedEtag = given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag).body(link)
                .put("/api/v1/users/" + accountId).then().statusCode(200).body("doctorId", equalTo(doctorId))
                .extract().header("ETag");

        assertThat(Accounts.refresh(refresh).statusCode()).isEqualTo(401); // reach changed: sessions ended
        String token = Accounts.login(email, Accounts.PASSWORD).path("accessToken");
        given().auth().oauth2(token).get("/api/v1/auth/me").then().body("doctorId", equalTo(doctorId));

        link.put("doctorId", null);
        link.put("roles", List.of("STAFF"));
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", linkedEtag).body(link)
                .put("/api/v1/users/" + accountId).then().statusCode(200).body("doctorId", nullValue());
        given().auth().oauth2(admin).get("/api/v1/users/" + accountId + "/audit").then()
                .body("items.action", equalTo(List.of("UPDATED", "UPDATED", "CREATED")))
                .body("items[0].detail", equalTo("roles DOCTOR, doctor " + doctorId + ", patient null"
                        + " -> roles STAFF, doctor null, patient null"));
    }

    @Test
    void aStaleOrSelfDemotingUpdateIsRefused() {
        String admin = adminToken();
        String adminId = given().auth().oauth2(admin).get("/api/v1/auth/me").then().extract().path("id");
        String etag = given().auth().oauth2(admin).get("/api/v1/users/" + adminId).then().extract().header("ETag");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", etag)
                .body(Map.of("firstName", "Clinic", "lastName", "Administrator", "roles", List.of("STAFF"), "enabled", true))
                .put("/api/v1/users/" + adminId).then().statusCode(409).body("code", equalTo("CANNOT_DEMOTE_SELF"));

        String other = post(admin, "/api/v1/users", login(Accounts.uniqueEmail(), List.of("STAFF"), null)).path("id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).header("If-Match", "\"99\"")
                .body(Map.of("firstName", "Rui", "lastName", "Costa", "roles", List.of("STAFF"), "enabled", true))
                .put("/api/v1/users/" + other).then().statusCode(412);
    }

    @Test
    void aDoctorEditsTheirOwnPublicProfileOnly() {
        String admin = adminToken();
        String spec = specialization(admin);
        Map<String, Object> body = doctor(spec);
        String email = "dr-" + UUID.randomUUID() + "@clinic.test";
        body.put("account", Map.of("email", email, "password", Accounts.PASSWORD));
        ExtractableResponse<Response> created = post(admin, "/api/v1/doctors", body);
        String doctorId = created.path("id");
        String otherDoctor = post(admin, "/api/v1/doctors", doctor(spec)).path("id");
        String token = Accounts.login(email, Accounts.PASSWORD).path("accessToken");
        Map<String, Object> profile = Map.of("bio", "Oncologist since 2009", "languages", List.of("pt", "en"),
                "photoUrl", "https://photos.clinic.example/ana.jpg");

        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", created.header("ETag")).body(profile)
                .put("/api/v1/doctors/" + doctorId + "/profile").then().statusCode(200)
                .body("photoUrl", equalTo("https://photos.clinic.example/ana.jpg"))
                .body("licenseNumber", equalTo(body.get("licenseNumber")));
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"").body(profile)
                .put("/api/v1/doctors/" + otherDoctor + "/profile").then().statusCode(404);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                .body(Map.of("photoUrl", "javascript:alert(1)"))
                .put("/api/v1/doctors/" + doctorId + "/profile").then().statusCode(400).body("errors.field", hasItem("photoUrl"));
    }
}
