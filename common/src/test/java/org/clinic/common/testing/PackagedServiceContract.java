package org.clinic.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What the packaged application (the jar the images ship, or the native binary where GraalVM
 * exists) must do, seen from outside only: ready with its dependencies connected, its API
 * document served, tokens verified. Each service's {@code @QuarkusIntegrationTest} extends it.
 */
public abstract class PackagedServiceContract extends TokenVerificationContract {

    @Test
    void isReadyWithItsDependenciesConnected() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(3)); // PostgreSQL, Redis, RabbitMQ
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void servesItsApiDocument() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }
}
