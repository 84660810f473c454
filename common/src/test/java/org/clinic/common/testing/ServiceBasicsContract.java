package org.clinic.common.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every service exposes to operators, checked against the running service with its real
 * PostgreSQL, Redis and RabbitMQ. Each service's test extends it.
 */
public abstract class ServiceBasicsContract {

    @Test
    void isLive() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyWithItsDatabaseBrokerAndRedisChecked() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        "Reactive PostgreSQL connections health check",
                        "Redis connection health check",
                        "SmallRye Reactive Messaging - readiness check"));
    }

    @Test
    void publishesPrometheusMetricsIncludingDependencyState() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("clinic_dependency_up{dependency=\"postgresql\"} 1.0"))
                .body(containsString("clinic_dependency_up{dependency=\"redis\"} 1.0"))
                .body(containsString("clinic_dependency_up{dependency=\"rabbitmq\"} 1.0"));
    }

    @Test
    void publishesItsOpenApiDocumentAndSwaggerUi() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."))
                .body("components.securitySchemes.bearer.scheme", equalTo("bearer"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentValidatesAndDescribesEveryOperation() {
        String document = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, new ParseOptions());
        assertThat(parsed.getMessages()).as("OpenAPI validation messages").isEmpty();
        Set<String> operationIds = new HashSet<>();
        parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String where = method + " " + path;
            assertThat(operation.getOperationId()).as("operationId of " + where).isNotBlank();
            assertThat(operationIds.add(operation.getOperationId())).as("unique operationId of " + where).isTrue();
            assertThat(operation.getSummary()).as("summary of " + where).isNotBlank();
            assertThat(operation.getTags()).as("tags of " + where).isNotEmpty();
            assertThat(operation.getResponses()).as("responses of " + where).isNotEmpty();
            assertThat(operation.getResponses()).as("503 (database unreachable) of " + where).containsKey("503");
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response.getContent()).as(status + " body of " + where).isNotNull();
                    assertThat(response.getContent()).as(status + " body of " + where).containsKey("application/problem+json");
                }
            });
        }));
        assertThat(operationIds).contains("describeToken");
    }

    @Test
    void onlyTheConfiguredSinglePageAppOriginMayCallWithCredentials() {
        given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/token")
                .then().header("Access-Control-Allow-Origin", equalTo("http://localhost:5173"))
                .header("Access-Control-Allow-Credentials", equalTo("true"));
        given().header("Origin", "https://attacker.example").header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/token")
                .then().header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void apiResponsesCarrySecurityHeaders() {
        given().when().get("/api/v1/token")
                .then().header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Cache-Control", equalTo("no-store"))
                .header("Strict-Transport-Security", containsString("max-age="));
    }

    @Test
    void anUnknownApiPathIsAProblemNotAStackTrace() {
        given().when().get("/api/v1/no-such-thing")
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(401)).or(equalTo(404)))
                .contentType("application/problem+json");
    }

    /** Every paged list of the service (from its OpenAPI document) refuses a page far past the end, naming it. */
    @Test
    void everyListRefusesAPageFarPastItsEndAndAnyQueryParameterWithNul() {
        String document = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().asString();
        List<String> lists = new ArrayList<>();
        new OpenAPIV3Parser().readContents(document, null, new ParseOptions()).getOpenAPI().getPaths().forEach((path, item) -> {
            boolean paged = item.getGet() != null && item.getGet().getParameters() != null
                    && item.getGet().getParameters().stream().anyMatch(p -> "page".equals(p.getName()));
            if (paged && !path.contains("{")) {
                lists.add(path);
            }
        });
        assertThat(lists).isNotEmpty();
        String admin = TestTokens.withRoles("ADMIN");
        int refused = 0;
        for (String list : lists) {
            var answer = given().auth().oauth2(admin).queryParam("page", Integer.MAX_VALUE).get(list);
            // 403: a list that is not the admin's to read is refused before its parameters are looked at.
            assertThat(answer.statusCode()).as("GET " + list + "?page=MAX").isIn(400, 403);
            if (answer.statusCode() == 400) {
                assertThat(answer.jsonPath().getList("errors.field")).as("GET " + list).containsExactly("page");
                refused++;
            }
        }
        assertThat(refused).isPositive();
        given().auth().oauth2(admin).urlEncodingEnabled(false).get(lists.get(0) + "?probe=a%00b")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("probe"));
    }

    @Test
    void aProblemCarriesTheRequestsTraceId() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        given().header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .when().get("/api/v1/token")
                .then().statusCode(401).body("traceId", equalTo(traceId));
    }

    @Test
    void aProblemCarriesATraceIdAlsoWhenNoSpanIsKept() {
        // Without a collector the sampler keeps no span; the trace id must still be made and shown.
        String first = given().when().get("/api/v1/token").then().statusCode(401)
                .body("traceId", matchesPattern("[0-9a-f]{32}"))
                .body("traceId", not(equalTo("00000000000000000000000000000000")))
                .extract().path("traceId");
        given().when().get("/api/v1/token").then().statusCode(401).body("traceId", not(equalTo(first)));
        given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00")
                .when().get("/api/v1/token")
                .then().statusCode(401).body("traceId", equalTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }
}
