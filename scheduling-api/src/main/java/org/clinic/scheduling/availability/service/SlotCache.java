package org.clinic.scheduling.availability.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.clinic.scheduling.availability.SlotCalculator;

/**
 * Redis cache of a doctor's free slots per search window. Each doctor has a version counter that
 * every change of their bookings, availability, time off or booking settings increments once it
 * committed ({@link #invalidate}); the version is part of the cache key, so a search after the
 * change never reads what was computed before it. Entries live {@link #TTL} at most, which also
 * bounds staleness if an increment is lost while Redis is down. When Redis fails, searches compute
 * from PostgreSQL as if there were no cache. Booking never reads the cache: it recomputes inside
 * its transaction, and the database's exclusion constraint has the last word.
 */
@ApplicationScoped
@RegisterForReflection(targets = SlotCalculator.Slot.class) // read and written by ObjectMapper directly
public class SlotCache {

    static final Duration TTL = Duration.ofSeconds(60);
    private static final TypeReference<List<SlotCalculator.Slot>> SLOTS = new TypeReference<>() {
    };

    private final ReactiveValueCommands<String, String> values;
    private final ObjectMapper mapper;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypassed;

    public SlotCache(ReactiveRedisDataSource redis, ObjectMapper mapper, MeterRegistry meters) {
        this.values = redis.value(String.class);
        // Slots keep the offset of their zone: no adjusting to UTC when read back.
        this.mapper = mapper.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
        this.hits = Counter.builder("clinic.slot.cache").tag("result", "hit").register(meters);
        this.misses = Counter.builder("clinic.slot.cache").tag("result", "miss").register(meters);
        this.bypassed = Counter.builder("clinic.slot.cache").tag("result", "bypassed").register(meters);
    }

    /** The cached slots of this doctor and window, or {@code compute}'s, cached for the next search. */
    public Uni<List<SlotCalculator.Slot>> get(UUID doctorId, Instant from, Instant to,
                                              Supplier<Uni<List<SlotCalculator.Slot>>> compute) {
        return values.get(versionKey(doctorId))
                .map(version -> "clinic:slots:" + doctorId + ":" + (version == null ? "0" : version) + ":" + from + ":" + to)
                .onFailure().recoverWithNull()
                .chain(key -> {
                    if (key == null) {
                        bypassed.increment();
                        return compute.get();
                    }
                    return values.get(key).onFailure().recoverWithNull().chain(json -> {
                        List<SlotCalculator.Slot> cached = json == null ? null : parse(json);
                        if (cached != null) {
                            hits.increment();
                            return Uni.createFrom().item(cached);
                        }
                        misses.increment();
                        return compute.get().call(slots -> values.setex(key, TTL.toSeconds(), json(slots))
                                .onFailure().recoverWithNull());
                    });
                });
    }

    /** After a change of the doctor's slots committed: searches from now on compute afresh. */
    public Uni<Void> invalidate(UUID doctorId) {
        return values.incr(versionKey(doctorId)).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    bypassed.increment();
                    return null;
                });
    }

    private static String versionKey(UUID doctorId) {
        return "clinic:slots:v:" + doctorId;
    }

    private List<SlotCalculator.Slot> parse(String json) {
        try {
            return mapper.readValue(json, SLOTS);
        } catch (JsonProcessingException e) {
            return null; // written by another version of the service: compute instead
        }
    }

    private String json(List<SlotCalculator.Slot> slots) {
        try {
            return mapper.writeValueAsString(slots);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Slots not serializable", e);
        }
    }
}
