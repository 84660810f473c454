package org.clinic.notifier;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** One address holding its quota of open requests (here live streams) is refused more until one ends. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
@TestProfile(OpenRequestLimitTest.TwoOpenRequests.class)
class OpenRequestLimitTest {

    public static class TwoOpenRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic.http.open-requests-per-address", "2");
        }
    }

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    @Inject
    RedisDataSource redis;

    @Test
    void anAddressOverItsOpenRequestsIsRefusedUntilOneEnds() throws Exception {
        String token = TestTokens.forPatient(UUID.randomUUID());
        long before = subscribers();
        List<Stream<String>> streams = new ArrayList<>();
        try {
            streams.add(open(token));
            streams.add(open(token));
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() >= before + 2);

            given().auth().oauth2(token).get("/api/v1/notifications/unread-count")
                    .then().statusCode(429)
                    .contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .body("code", equalTo("TOO_MANY_OPEN_REQUESTS"));

            streams.remove(0).close();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    given().auth().oauth2(token).get("/api/v1/notifications/unread-count").statusCode() == 200);
        } finally {
            streams.forEach(Stream::close);
        }
    }

    /** A live stream on its own connection, held open until its lines are closed. */
    private Stream<String> open(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofLines()).body();
    }

    private long subscribers() {
        return redis.execute("PUBSUB", "NUMSUB", "clinic:notifier:notifications").get(1).toLong();
    }
}
