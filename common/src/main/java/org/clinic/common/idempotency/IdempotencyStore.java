package org.clinic.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        this.mapper = mapper;
        this.meters = meters;
    }

    /** A response worth replaying: status, Location and JSON body. */
    @RegisterForReflection
    public record StoredResponse(boolean pending, String requestFingerprint, int status, String location, String body) {
    }

    /**
     * Runs {@code action} once per ({@code scope}, {@code key}); {@code requestBody} tells a true
     * retry from a reused key. Without a key the action just runs.
     */
    public Uni<StoredResponse> once(String scope, String key, String requestBody, Supplier<Uni<StoredResponse>> action) {
        if (key == null || key.isBlank()) {
            return action.get();
        }
        if (key.length() > 200) {
            return Uni.createFrom().failure(ProblemException.invalidField("Idempotency-Key", "must be at most 200 characters"));
        }
        String redisKey = "idem:" + scope + ":" + Fingerprint.of(key);
        String fingerprint = Fingerprint.of(requestBody == null ? "" : requestBody);
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
                                        response.status(), response.location(), response.body())))
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
                    return Uni.createFrom().item(stored);
                });
    }

    private Uni<Void> store(String redisKey, StoredResponse response) {
        try {
            return values.set(redisKey, mapper.writeValueAsString(response), new SetArgs().ex(KEEP))
                    .onFailure().recoverWithNull().replaceWithVoid();
        } catch (JsonProcessingException e) {
            return Uni.createFrom().voidItem();
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
