package org.clinic.scheduling.identity;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;

/** Creates accounts through the public API, each with a unique e-mail. */
final class Accounts {

    static final String PASSWORD = "a perfectly long passphrase";

    private Accounts() {
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@clinic.test";
    }

    static Map<String, Object> registration(String email, String password) {
        return Map.of("email", email, "password", password, "firstName", "Maria", "lastName", "Oliveira",
                "dateOfBirth", "1990-05-17", "phone", "+351 912 345 678");
    }

    /** Registers a patient and answers the 201 response (tokens, Location). */
    static ExtractableResponse<Response> registerPatient(String email) {
        return given().contentType(ContentType.JSON).body(registration(email, PASSWORD))
                .when().post("/api/v1/auth/register")
                .then().statusCode(201).extract();
    }

    static ExtractableResponse<Response> login(String email, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("email", email, "password", password))
                .when().post("/api/v1/auth/login")
                .then().extract();
    }

    static ExtractableResponse<Response> refresh(String refreshToken) {
        return given().contentType(ContentType.JSON).body(Map.of("refreshToken", refreshToken))
                .when().post("/api/v1/auth/refresh")
                .then().extract();
    }
}
