package org.clinic.scheduling.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class SpecializationResourceTest {

    private static String uniqueCode() {
        return "spec-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String body(String code, String name) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + name + "\"}";
    }

    @Test
    void adminCreatesASpecializationThatEveryoneSignedInCanRead() {
        String code = uniqueCode();
        String location = given().auth().oauth2(TestTokens.withRoles("ADMIN"))
                .contentType(ContentType.JSON).body(body(code, "Cardiology"))
                .when().post("/api/v1/specializations")
                .then().statusCode(201)
                .header("Location", notNullValue())
                .body("code", equalTo(code))
                .extract().header("Location");

        given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .when().get(location)
                .then().statusCode(200).body("code", equalTo(code)).body("name", equalTo("Cardiology"));

        given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .queryParam("size", 100)
                .when().get("/api/v1/specializations")
                .then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(100))
                .body("totalItems", notNullValue());
    }

    @Test
    void aBlankCodeIsAProblemNamingTheField() {
        given().auth().oauth2(TestTokens.withRoles("ADMIN"))
                .contentType(ContentType.JSON).body(body("", "Cardiology"))
                .when().post("/api/v1/specializations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("errors.field", hasItem("code"))
                .body("instance", equalTo("/api/v1/specializations"));
    }

    @Test
    void aBodyThatIsNotJsonIsAProblemNotAServerError() {
        given().auth().oauth2(TestTokens.withRoles("ADMIN"))
                .contentType(ContentType.JSON).body("{\"code\": ")
                .when().post("/api/v1/specializations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void aPageSizeAboveTheCapIsAProblemNamingTheParameter() {
        given().auth().oauth2(TestTokens.withRoles("ADMIN"))
                .queryParam("size", 1000)
                .when().get("/api/v1/specializations")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("size"));
    }

    @Test
    void aDuplicateCodeConflictsAndKeepsTheFirst() {
        String code = uniqueCode();
        String admin = TestTokens.withRoles("ADMIN");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body(code, "First"))
                .post("/api/v1/specializations").then().statusCode(201);
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(body(code, "Second"))
                .post("/api/v1/specializations")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("DUPLICATE"));
    }

    @Test
    void aPatientCannotChangeTheCatalog() {
        given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .contentType(ContentType.JSON).body(body(uniqueCode(), "Dermatology"))
                .when().post("/api/v1/specializations")
                .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("FORBIDDEN"));
    }

    @Test
    void aRequestWithoutTokenIsUnauthorizedWithAProblemBody() {
        given().when().get("/api/v1/specializations")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer"))
                .body("code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void anUnknownSpecializationIsNotFound() {
        given().auth().oauth2(TestTokens.withRoles("STAFF"))
                .when().get("/api/v1/specializations/" + UUID.randomUUID())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("NOT_FOUND"))
                .body("instance", org.hamcrest.Matchers.startsWith("/api/v1/specializations/"));
    }
}
