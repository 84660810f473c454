package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What a PostgreSQL restart does to requests in flight: their connections are terminated
 * (admin_shutdown, 57P01). Done here to this database's backends only, through a connection of the
 * test's own, so the shared server keeps running for everyone else.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class DatabaseConnectionLossTest {

    @Test
    void aRequestWhoseConnectionIsTerminatedAnswers503TryAgainAndTheNextOnesSucceed() throws Exception {
        String staff = TestTokens.withRoles("STAFF");
        try (Connection outside = connect()) {
            outside.setAutoCommit(false);
            CompletableFuture<Response> inFlight;
            try (Statement sql = outside.createStatement()) {
                // Holds the list's query inside PostgreSQL, so its connection is busy when terminated.
                sql.execute("lock table appointment in access exclusive mode");
                inFlight = CompletableFuture.supplyAsync(() -> given().auth().oauth2(staff).get("/api/v1/appointments"));
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnLock(sql));
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity "
                        + "where datname = current_database() and pid <> pg_backend_pid()");
            } finally {
                outside.rollback();
            }
            Response answer = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.<String>path("code")).isEqualTo("TRY_AGAIN");
            assertThat(answer.header("Retry-After")).isNotBlank();
        }
        // The pool replaces the terminated connections by itself.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(given().auth().oauth2(staff).get("/api/v1/appointments").statusCode()).isEqualTo(200));
    }

    private static boolean waitingOnLock(Statement sql) throws SQLException {
        try (ResultSet waiting = sql.executeQuery("select count(*) from pg_stat_activity "
                + "where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()")) {
            return waiting.next() && waiting.getLong(1) > 0;
        }
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
