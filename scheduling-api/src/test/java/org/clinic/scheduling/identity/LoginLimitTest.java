package org.clinic.scheduling.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import org.clinic.common.testing.JwtTestKeys;
import org.junit.jupiter.api.Test;

/** The test profile shortens the failed-login window to 4 s (application.properties). */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class LoginLimitTest {

    @Test
    void fiveFailedLoginsLockTheAccountUntilTheWindowEnds() {
        String email = Accounts.uniqueEmail();
        Accounts.registerPatient(email);
        for (int i = 0; i < 5; i++) {
            assertThat(Accounts.login(email, "wrong passphrase " + i).statusCode()).isEqualTo(401);
        }

        ExtractableResponse<Response> locked = Accounts.login(email, Accounts.PASSWORD);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.<String>path("code")).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 4L);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> Accounts.login(email, Accounts.PASSWORD).statusCode() == 200);
    }
}
