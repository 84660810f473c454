package org.clinic.scheduling.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * Redis unreachable (the service points at a closed port): the API keeps answering, login falls
 * back to the in-process limiter, and readiness and metrics show the failure.
 */
@QuarkusTest
@TestProfile(RedisDownTest.RedisUnreachable.class)
@QuarkusTestResource(JwtTestKeys.class)
class RedisDownTest {

    public static class RedisUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "clinic.dependency-watch.interval", "1s");
        }
    }

    @Test
    void theApiKeepsServingAndSaysRedisIsDown() {
        given().auth().oauth2(TestTokens.withRoles("PATIENT")).when().get("/api/v1/specializations")
                .then().statusCode(200);

        String email = Accounts.uniqueEmail();
        Accounts.registerPatient(email);
        assertThat(Accounts.login(email, Accounts.PASSWORD).statusCode()).isEqualTo(200);

        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("clinic_dependency_up{dependency=\"redis\"} 0.0");
        assertThat(metrics).containsPattern("clinic_ratelimit_redis_errors_total [1-9]");
    }

    @Test
    void failedLoginsAreStillLimitedInProcess() {
        String email = Accounts.uniqueEmail();
        Accounts.registerPatient(email);
        for (int i = 0; i < 5; i++) {
            assertThat(Accounts.login(email, "wrong passphrase " + i).statusCode()).isEqualTo(401);
        }
        assertThat(Accounts.login(email, Accounts.PASSWORD).statusCode()).isEqualTo(429);
    }
}
