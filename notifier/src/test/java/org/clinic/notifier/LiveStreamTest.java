package org.clinic.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** A web page following /notifications/stream sees its new notifications, and only its own. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class LiveStreamTest {

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    @Inject
    RedisDataSource redis;

    @Test
    void aNewNotificationArrivesOnTheStream() throws Exception {
        ObjectNode booked = TestEvents.booked(Instant.parse("2026-12-09T10:00:00Z"), TestEvents.now());
        ObjectNode someoneElse = TestEvents.booked(Instant.parse("2026-12-09T11:00:00Z"), TestEvents.now());
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + TestTokens.forPatient(TestEvents.patientId(booked)))
                .header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<Stream<String>>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        long before = subscribers();
        response.thenAccept(r -> r.body().forEach(lines::add));
        try {
            // The stream is open once the service subscribed to the live channel.
            await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() > before);

            TestEvents.post(someoneElse);
            TestEvents.post(booked);
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:")));
            String data = lines.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow();
            assertThat(data).contains("\"message\":\"appointment-confirmed\"")
                    .contains(TestEvents.appointmentId(booked).toString())
                    .doesNotContain(TestEvents.appointmentId(someoneElse).toString());
            assertThat(response.get().statusCode()).isEqualTo(200);
            assertThat(response.get().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
        } finally {
            response.cancel(true);
        }
    }

    private long subscribers() {
        return redis.execute("PUBSUB", "NUMSUB", "clinic:notifier:notifications").get(1).toLong();
    }
}
