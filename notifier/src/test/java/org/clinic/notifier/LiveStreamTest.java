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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A web page following /notifications/stream sees its new notifications, and only its own; a stream
 * that lost its Redis subscription ends so the page reconnects.
 */
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

    @Test
    void aStreamWhoseRedisSubscriptionIsLostEndsAndANewOneFollowsAgain() throws Exception {
        ObjectNode booked = TestEvents.booked(Instant.parse("2026-12-10T10:00:00Z"), TestEvents.now());
        String token = TestTokens.forPatient(TestEvents.patientId(booked));
        Set<String> othersSubscriptions = pubsubClientIds();
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = follow(token, lines);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !ours(othersSubscriptions).isEmpty());
            // Quiet streams still carry something, so idle timeouts do not cut them.
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.startsWith(":")));

            // What a Redis restart does to the service: its subscription connection is closed under it.
            for (String id : ours(othersSubscriptions)) {
                redis.execute("CLIENT", "KILL", "ID", id);
            }
            await().atMost(Duration.ofSeconds(10)).until(ended::isDone);

            // The client reconnects (as EventSource does) and is followed again.
            List<String> again = new CopyOnWriteArrayList<>();
            CompletableFuture<Void> reopened = follow(token, again);
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> !ours(othersSubscriptions).isEmpty());
                TestEvents.post(booked);
                await().atMost(Duration.ofSeconds(10)).until(() -> again.stream().anyMatch(l -> l.startsWith("data:")));
                assertThat(again.stream().filter(l -> l.startsWith("data:")).findFirst().orElseThrow())
                        .contains(TestEvents.appointmentId(booked).toString());
            } finally {
                reopened.cancel(true);
            }
        } finally {
            ended.cancel(true);
        }
    }

    /** Reads the stream's lines into {@code lines}; completes when the service ends the stream. */
    private CompletableFuture<Void> follow(String token, List<String> lines) {
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
    }

    /** Ids of the Redis clients subscribed to the live channel now, other than those given. */
    private Set<String> ours(Set<String> others) {
        Set<String> now = new HashSet<>(pubsubClientIds());
        now.removeAll(others);
        return now;
    }

    /** Clients subscribed to a channel (this service's and any other process's on this server). */
    private Set<String> pubsubClientIds() {
        String list = redis.execute("CLIENT", "LIST", "TYPE", "pubsub").toString();
        Set<String> ids = new HashSet<>();
        for (String client : list.split("\n")) {
            Matcher id = CLIENT_ID.matcher(client);
            if (id.find() && !client.contains(" sub=0 ")) {
                ids.add(id.group(1));
            }
        }
        return ids;
    }

    private static final Pattern CLIENT_ID = Pattern.compile("\\bid=(\\d+)");

    private long subscribers() {
        return redis.execute("PUBSUB", "NUMSUB", "clinic:notifier:notifications").get(1).toLong();
    }
}
