package org.clinic.scheduling.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Base64;
import java.util.Map;
import org.clinic.common.testing.JwtTestKeys;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class AuthFlowTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void registerLoginRefreshReuseAndLogout() {
        String email = Accounts.uniqueEmail();
        ExtractableResponse<Response> registered = Accounts.registerPatient(email);
        String patientId = registered.header("Location").replaceAll(".*/", "");

        given().auth().oauth2(registered.path("accessToken")).when().get("/api/v1/auth/me")
                .then().statusCode(200)
                .body("email", equalTo(email)).body("roles", contains("PATIENT"))
                .body("patientId", equalTo(patientId));

        ExtractableResponse<Response> login = Accounts.login(email.toUpperCase(), Accounts.PASSWORD);
        assertThat(login.statusCode()).isEqualTo(200);
        String first = login.path("refreshToken");

        ExtractableResponse<Response> rotated = Accounts.refresh(first);
        assertThat(rotated.statusCode()).isEqualTo(200);
        String second = rotated.path("refreshToken");
        assertThat(second).isNotEqualTo(first);
        given().auth().oauth2(rotated.path("accessToken")).get("/api/v1/auth/me").then().statusCode(200);

        // The spent token comes back: someone copied it. Its whole family dies, successor included.
        ExtractableResponse<Response> reused = Accounts.refresh(first);
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(reused.<String>path("code")).isEqualTo("REFRESH_TOKEN_REUSED");
        assertThat(Accounts.refresh(second).<String>path("code")).isEqualTo("INVALID_REFRESH_TOKEN");

        // The registration's own session is another family: still alive, until logout.
        String registrationToken = registered.path("refreshToken");
        given().cookie("clinic_refresh", registrationToken).when().post("/api/v1/auth/logout")
                .then().statusCode(204).header("Set-Cookie", org.hamcrest.Matchers.containsString("Max-Age=0"));
        assertThat(Accounts.refresh(registrationToken).statusCode()).isEqualTo(401);
    }

    @Test
    void theRefreshTokenAlsoTravelsAsAStrictHttpOnlyCookie() {
        ExtractableResponse<Response> registered = Accounts.registerPatient(Accounts.uniqueEmail());
        String cookie = registered.header("Set-Cookie");
        assertThat(cookie).contains("clinic_refresh=" + registered.<String>path("refreshToken"))
                .contains("HttpOnly").contains("Secure").contains("SameSite=Strict").contains("Path=/api/v1/auth");

        given().cookie("clinic_refresh", registered.<String>path("refreshToken"))
                .when().post("/api/v1/auth/refresh")
                .then().statusCode(200).body("accessToken", notNullValue());
    }

    @Test
    void theAccessTokenCarriesTheDesignClaimsAndTheJwksKeyId() throws Exception {
        ExtractableResponse<Response> registered = Accounts.registerPatient(Accounts.uniqueEmail());
        String[] parts = registered.<String>path("accessToken").split("\\.");
        JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));

        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo(JwtTestKeys.ISSUER);
        assertThat(claims.path("groups").get(0).asText()).isEqualTo("PATIENT");
        assertThat(claims.path("patient_id").asText()).isEqualTo(registered.header("Location").replaceAll(".*/", ""));
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
        assertThat(claims.path("jti").asText()).isNotBlank();
        assertThat(claims.has("upn") && claims.has("sub")).isTrue();

        given().when().get("/.well-known/jwks.json")
                .then().statusCode(200)
                .body("keys[0].kty", equalTo("RSA")).body("keys[0].alg", equalTo("RS256"))
                .body("keys[0].kid", equalTo(header.path("kid").asText()))
                .body("keys[0].d", nullValue());
    }

    @Test
    void aWeakPasswordIsRefusedNamingTheField() {
        for (String weak : new String[] {"short", "maria oliveira forever"}) {
            given().contentType(ContentType.JSON).body(Accounts.registration(Accounts.uniqueEmail(), weak))
                    .when().post("/api/v1/auth/register")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("password"));
        }
    }

    @Test
    void aMissingDateOfBirthIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.uniqueEmail(), "password", Accounts.PASSWORD, "firstName", "A", "lastName", "B"))
                .when().post("/api/v1/auth/register")
                .then().statusCode(400).body("errors.field", hasItem("dateOfBirth"));
    }

    @Test
    void anEmailRegistersOnceWhateverItsCase() {
        String email = Accounts.uniqueEmail();
        Accounts.registerPatient(email);
        given().contentType(ContentType.JSON).body(Accounts.registration(email.toUpperCase(), Accounts.PASSWORD))
                .when().post("/api/v1/auth/register")
                .then().statusCode(409).body("code", equalTo("EMAIL_TAKEN"));
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameAnswer() {
        String email = Accounts.uniqueEmail();
        Accounts.registerPatient(email);
        ExtractableResponse<Response> wrongPassword = Accounts.login(email, "not the right passphrase");
        ExtractableResponse<Response> unknownEmail = Accounts.login(Accounts.uniqueEmail(), "not the right passphrase");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownEmail.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.<String>path("code")).isEqualTo(unknownEmail.path("code"));
        assertThat(wrongPassword.<String>path("detail")).isEqualTo(unknownEmail.path("detail"));
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions() {
        String email = Accounts.uniqueEmail();
        ExtractableResponse<Response> registered = Accounts.registerPatient(email);
        String access = registered.path("accessToken");

        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "not my passphrase", "newPassword", "another long passphrase"))
                .when().post("/api/v1/auth/password")
                .then().statusCode(400).body("errors.field", hasItem("currentPassword"));

        given().auth().oauth2(access).contentType(ContentType.JSON)
                .body(Map.of("currentPassword", Accounts.PASSWORD, "newPassword", "another long passphrase"))
                .when().post("/api/v1/auth/password")
                .then().statusCode(204);

        assertThat(Accounts.refresh(registered.path("refreshToken")).statusCode()).isEqualTo(401);
        assertThat(Accounts.login(email, Accounts.PASSWORD).statusCode()).isEqualTo(401);
        assertThat(Accounts.login(email, "another long passphrase").statusCode()).isEqualTo(200);
    }

    @Test
    void theBootstrapAdminCanSignIn() {
        ExtractableResponse<Response> login = Accounts.login("bootstrap-admin@clinic.test", "bootstrap admin passphrase");
        assertThat(login.statusCode()).isEqualTo(200);
        given().auth().oauth2(login.<String>path("accessToken")).get("/api/v1/auth/me")
                .then().statusCode(200).body("roles", hasItem("ADMIN"));
    }
}
