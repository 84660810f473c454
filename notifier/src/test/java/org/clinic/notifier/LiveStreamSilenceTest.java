package org.clinic.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A live stream whose Redis connection goes silent without closing (what a Redis restarted on
 * another host, or a dropped network, leaves behind) ends, so the page reconnects. The service
 * reaches Redis through a proxy that the test can make swallow everything.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
@TestProfile(LiveStreamSilenceTest.ThroughProxy.class)
class LiveStreamSilenceTest {

    public static class ThroughProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisProxy.class));
        }
    }

    @TestHTTPResource("/api/v1/notifications/stream")
    URI stream;

    @Test
    void aStreamWhoseRedisGoesSilentEnds() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(stream)
                .header("Authorization", "Bearer " + TestTokens.forPatient(UUID.randomUUID()))
                .header("Accept", "text/event-stream").build();
        CompletableFuture<Void> ended = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        try {
            // Open and kept alive: with Redis answering, the stream outlives several heartbeats (1 s here).
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().filter(l -> l.startsWith(":")).count() >= 5);
            assertThat(ended).isNotDone();

            RedisProxy.swallow();
            // Three heartbeats without a probe: the stream ends instead of waiting forever.
            await().atMost(Duration.ofSeconds(10)).until(ended::isDone);
        } finally {
            RedisProxy.restore();
            ended.cancel(true);
        }
    }

    /** Forwards TCP to the test Redis; {@link #swallow()} makes every connection silently drop what it carries. */
    public static class RedisProxy implements QuarkusTestResourceLifecycleManager {

        private static volatile boolean swallowing;
        private static final Set<Socket> OPEN = ConcurrentHashMap.newKeySet();
        private ServerSocket server;

        static void swallow() {
            swallowing = true;
        }

        /** Closes the swallowed connections (their protocol state is lost); new ones are forwarded again. */
        static void restore() {
            swallowing = false;
            OPEN.forEach(RedisProxy::closeQuietly);
        }

        @Override
        public Map<String, String> start() {
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            daemon(this::accept);
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + server.getLocalPort() + "/1");
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket redis = new Socket("127.0.0.1", 6379);
                    OPEN.add(client);
                    OPEN.add(redis);
                    pump(client, redis);
                    pump(redis, client);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private static void pump(Socket from, Socket to) {
            daemon(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        if (!swallowing) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    }
                } catch (IOException e) {
                    // one side closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            });
        }

        private static void daemon(Runnable task) {
            Thread thread = new Thread(task, "redis-proxy");
            thread.setDaemon(true);
            thread.start();
        }

        private static void closeQuietly(Socket socket) {
            OPEN.remove(socket);
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        @Override
        public void stop() {
            restore();
            try {
                server.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
