package org.clinic.scheduling.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    @Test
    void parallelWrongPasswordsAreCountedBeforeTheyAreChecked() {
        String email = Accounts.uniqueEmail();
        Accounts.registerPatient(email);
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<CompletableFuture<Integer>> attempts = java.util.stream.IntStream.range(0, 40)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> Accounts.login(email, "wrong passphrase " + i).statusCode(), pool))
                    .toList();
            List<Integer> statuses = attempts.stream().map(CompletableFuture::join).toList();
            // The limit is 5 per window (4 s here): at most 5 passwords are checked per window, all
            // other attempts refused unchecked. 10 allows for the burst straddling two windows on
            // a slow machine; before the fix all 40 were checked.
            assertThat(statuses.stream().filter(s -> s == 401).count()).isLessThanOrEqualTo(10);
            assertThat(statuses.stream().filter(s -> s == 429).count()).isGreaterThanOrEqualTo(30);
        } finally {
            pool.shutdownNow();
        }
    }
}
