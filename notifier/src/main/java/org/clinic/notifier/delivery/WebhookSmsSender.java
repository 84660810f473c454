package org.clinic.notifier.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Hands a message to an SMS gateway over HTTP: {@code POST <url>} with {@code {"to", "text"}} and
 * an optional bearer token; any 2xx is success. Most gateways (or a small adapter in front of one)
 * take this shape. The JDK client is asynchronous: no thread waits for the gateway.
 */
public class WebhookSmsSender implements SmsSender {

    private final HttpClient client;
    private final URI url;
    private final Optional<String> token;
    private final Duration timeout;
    private final ObjectMapper mapper;

    public WebhookSmsSender(URI url, Optional<String> token, Duration timeout, ObjectMapper mapper) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.url = url;
        this.token = token;
        this.timeout = timeout;
        this.mapper = mapper;
    }

    @Override
    public Uni<Void> send(String phoneNumber, String text) {
        return Uni.createFrom().deferred(() -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(phoneNumber, text)));
            token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
            return Uni.createFrom().completionStage(client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()));
        }).map(response -> {
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("SMS gateway answered " + response.statusCode());
            }
            return null;
        });
    }

    private byte[] body(String phoneNumber, String text) {
        try {
            return mapper.writeValueAsBytes(Map.of("to", phoneNumber, "text", text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
