package org.clinic.scheduling.patient;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class PatientProfileAccessTest {

    private static ExtractableResponse<Response> register() {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", "p-" + UUID.randomUUID() + "@clinic.test", "password", "a perfectly long passphrase",
                        "firstName", "Joana", "lastName", "Reis", "dateOfBirth", "1979-02-03"))
                .when().post("/api/v1/auth/register").then().statusCode(201).extract();
    }

    @Test
    void aPatientReadsTheirOwnProfileButNotAnotherPatients() {
        ExtractableResponse<Response> a = register();
        ExtractableResponse<Response> b = register();
        String tokenA = a.path("accessToken");

        given().auth().oauth2(tokenA).when().get(a.header("Location"))
                .then().statusCode(200).body("firstName", equalTo("Joana"));
        given().auth().oauth2(tokenA).when().get(b.header("Location"))
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("NOT_FOUND"));
    }

    @Test
    void staffAndAdminsReadAnyProfileADoctorWithoutAppointmentNone() {
        String location = register().header("Location");
        given().auth().oauth2(TestTokens.withRoles("STAFF")).get(location).then().statusCode(200);
        given().auth().oauth2(TestTokens.withRoles("ADMIN")).get(location).then().statusCode(200);
        given().auth().oauth2(TestTokens.withRoles("DOCTOR")).get(location).then().statusCode(404);
    }
}
