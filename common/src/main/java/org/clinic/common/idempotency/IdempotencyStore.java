package org.clinic.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Supplier;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Fingerprint;

/**
 * {@code Idempotency-Key} handling in Redis: the first request with a key runs and its response is
 * kept for 24 hours; a retry with the same key and body gets that response again instead of running
 * twice; the same key with another body is refused. If Redis is unreachable requests run normally
 * (the database constraints still refuse a duplicate, only less politely).
 */
@ApplicationScoped
public class IdempotencyStore {

    static final Duration KEEP = Duration.ofHours(24);
    static final Duration IN_PROGRESS = Duration.ofSeconds(60);
    private static final String PENDING = "{\"pending\":true}";

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;

    public IdempotencyStore(ReactiveRedisDataSource redis, ObjectMapper mapper, MeterRegistry meters) {
        this.values = redis.value(String.class);
        // A replay must read back the offsets it stored (the appointment's zone), not turn them into UTC.
        this.mapper = mapper.copy().disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        this.meters = meters;
    }

    /** A response worth replaying: status, Location and body. */
    public record Response<T>(int status, String location, T body) {
    }

    /** What Redis keeps for a key: the request's fingerprint and the response, its body as JSON. */
    @RegisterForReflection
    record StoredResponse(boolean pending, String requestFingerprint, int status, String location, String body) {
    }

    /**
     * Runs {@code action} once per ({@code scope}, {@code key}); {@code request} (serialized to JSON
     * only when there is a key) tells a true retry from a reused key. Without a key the action just
     * runs, and its response is passed on as it is: nothing is serialized or parsed on that path.
     */
    public <T> Uni<Response<T>> once(String scope, String key, Object request, Class<T> bodyType,
                                     Supplier<Uni<Response<T>>> action) {
        if (key == null || key.isBlank()) {
            return action.get();
        }
        if (key.length() > 200) {
            return Uni.createFrom().failure(ProblemException.invalidField("Idempotency-Key", "must be at most 200 characters"));
        }
        String redisKey = "idem:" + scope + ":" + Fingerprint.of(key);
        String fingerprint = Fingerprint.of(json(request));
        // SET NX GET: claims the key, or answers what an earlier request left there.
        return values.setGet(redisKey, PENDING, new SetArgs().nx().ex(IN_PROGRESS))
                .onFailure().recoverWithItem(() -> {
                    meters.counter("clinic.idempotency.redis.errors").increment();
                    return null; // Redis down: run without the guarantee
                })
                .chain(previous -> {
                    if (previous == null) {
                        return action.get()
                                .call(response -> store(redisKey, new StoredResponse(false, fingerprint,
                                        response.status(), response.location(), json(response.body()))))
                                .onFailure().call(() -> values.getdel(redisKey).onFailure().recoverWithNull());
                    }
                    StoredResponse stored = parse(previous);
                    if (stored.pending()) {
                        return Uni.createFrom().failure(ProblemException.conflict("IDEMPOTENCY_IN_PROGRESS",
                                "A request with this Idempotency-Key is still being processed; retry shortly"));
                    }
                    if (!fingerprint.equals(stored.requestFingerprint())) {
                        return Uni.createFrom().failure(new ProblemException(422, "IDEMPOTENCY_KEY_REUSED",
                                "Unprocessable request", "This Idempotency-Key was used for a different request"));
                    }
                    meters.counter("clinic.idempotency.replays").increment();
                    return Uni.createFrom().item(new Response<>(stored.status(), stored.location(), read(stored.body(), bodyType)));
                });
    }

    private Uni<Void> store(String redisKey, StoredResponse response) {
        return values.set(redisKey, json(response), new SetArgs().ex(KEEP))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serializable for the idempotency store: " + value.getClass().getName(), e);
        }
    }

    private <T> T read(String body, Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored response no longer reads as " + type.getName(), e);
        }
    }

    private StoredResponse parse(String stored) {
        try {
            return mapper.readValue(stored, StoredResponse.class);
        } catch (JsonProcessingException e) {
            return new StoredResponse(true, null, 0, null, null);
        }
    }
}
