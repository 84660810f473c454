package org.clinic.common.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A Redis cache of JSON values whose keys carry a version counter per scope (a doctor, the whole
 * directory). A change increments its scope's version once it committed ({@link #invalidate}), so
 * every read after the change misses what was computed before it; old entries just expire after
 * the TTL, which also bounds staleness if an increment is lost while Redis is down. When Redis
 * fails, reads compute as if there were no cache: the cache can slow nothing down and break nothing.
 * <p>
 * The last values read are also kept in this process, under the same versioned key: a read still
 * asks Redis for the scope's version (so a change made through any replica is seen at once) but
 * skips fetching and parsing the value (measured: parsing was a fifth of a cached slot search).
 *
 * @param <T> the cached value, read and written with the given mapper (register it for reflection);
 *            never modified once cached, since readers share it
 */
public final class VersionedCache<T> {

    private final String prefix;
    private final Duration ttl;
    private final JavaType type;
    private final ObjectMapper mapper;
    private final ReactiveValueCommands<String, String> values;
    private final Counter hits;
    private final Counter misses;
    private final Counter bypassed;
    private final Map<String, T> recent;

    /** {@code name}: key prefix {@code clinic:<name>:} and meter {@code clinic.<name>.cache{result}}. */
    public VersionedCache(String name, Duration ttl, JavaType type, ObjectMapper mapper, ReactiveRedisDataSource redis,
                          MeterRegistry meters, int keptInProcess) {
        this.recent = Collections.synchronizedMap(new LinkedHashMap<>(keptInProcess, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > keptInProcess;
            }
        });
        this.prefix = "clinic:" + name + ":";
        this.ttl = ttl;
        this.type = type;
        this.mapper = mapper;
        this.values = redis.value(String.class);
        this.hits = Counter.builder("clinic." + name + ".cache").tag("result", "hit").register(meters);
        this.misses = Counter.builder("clinic." + name + ".cache").tag("result", "miss").register(meters);
        this.bypassed = Counter.builder("clinic." + name + ".cache").tag("result", "bypassed").register(meters);
    }

    /**
     * What the cache holds for {@code key} in {@code scope} as of the scope's current version:
     * {@code value} null on a miss; {@code entryKey} null when Redis cannot be asked (compute, do
     * not store).
     */
    public record Lookup<T>(String entryKey, T value) {
    }

    /** The cached value of {@code key} in {@code scope}, or {@code compute}'s, cached for the next read. */
    public Uni<T> get(String scope, String key, Supplier<Uni<T>> compute) {
        return lookup(scope, key).chain(found -> found.value() != null
                ? Uni.createFrom().item(found.value())
                : compute.get().call(value -> put(found, value)));
    }

    /** For reads that compute their misses together (one batch of queries for many scopes). */
    public Uni<Lookup<T>> lookup(String scope, String key) {
        return values.get(versionKey(scope))
                .map(version -> prefix + scope + ":" + (version == null ? "0" : version) + ":" + key)
                .onFailure().recoverWithNull()
                .chain(entryKey -> {
                    if (entryKey == null) {
                        bypassed.increment();
                        return Uni.createFrom().item(new Lookup<T>(null, null));
                    }
                    T kept = recent.get(entryKey);
                    if (kept != null) {
                        hits.increment();
                        return Uni.createFrom().item(new Lookup<>(entryKey, kept));
                    }
                    return values.get(entryKey).onFailure().recoverWithNull().map(json -> {
                        T cached = json == null ? null : parse(json);
                        if (cached == null) {
                            misses.increment();
                            return new Lookup<T>(entryKey, null);
                        }
                        hits.increment();
                        recent.put(entryKey, cached);
                        return new Lookup<>(entryKey, cached);
                    });
                });
    }

    /**
     * {@link #lookup} for many scopes and one key in two Redis round trips (versions, then the
     * values not kept in process), in the order of {@code scopes}.
     */
    public Uni<List<Lookup<T>>> lookupAll(List<String> scopes, String key) {
        return values.mget(scopes.stream().map(this::versionKey).toArray(String[]::new))
                .onFailure().recoverWithNull()
                .chain(versions -> {
                    List<Lookup<T>> found = new ArrayList<>(scopes.size());
                    List<String> toFetch = new ArrayList<>();
                    for (String scope : scopes) {
                        if (versions == null) {
                            bypassed.increment();
                            found.add(new Lookup<>(null, null));
                            continue;
                        }
                        String version = versions.get(versionKey(scope));
                        String entryKey = prefix + scope + ":" + (version == null ? "0" : version) + ":" + key;
                        T kept = recent.get(entryKey);
                        found.add(new Lookup<>(entryKey, kept));
                        if (kept == null) {
                            toFetch.add(entryKey);
                        } else {
                            hits.increment();
                        }
                    }
                    if (toFetch.isEmpty()) {
                        return Uni.createFrom().item(found);
                    }
                    return values.mget(toFetch.toArray(String[]::new)).onFailure().recoverWithNull().map(jsons -> {
                        for (int i = 0; i < found.size(); i++) {
                            Lookup<T> lookup = found.get(i);
                            if (lookup.entryKey() == null || lookup.value() != null) {
                                continue;
                            }
                            String json = jsons == null ? null : jsons.get(lookup.entryKey());
                            T cached = json == null ? null : parse(json);
                            if (cached == null) {
                                misses.increment();
                            } else {
                                hits.increment();
                                recent.put(lookup.entryKey(), cached);
                                found.set(i, new Lookup<>(lookup.entryKey(), cached));
                            }
                        }
                        return found;
                    });
                });
    }

    /** Stores what was computed after a miss, under the version the lookup saw. */
    public Uni<Void> put(Lookup<T> missed, T value) {
        if (missed.entryKey() == null) {
            return Uni.createFrom().voidItem();
        }
        recent.put(missed.entryKey(), value);
        return values.setex(missed.entryKey(), ttl.toSeconds(), json(value)).replaceWithVoid().onFailure().recoverWithNull();
    }

    /** After a change in {@code scope} committed: reads from now on compute afresh. */
    public Uni<Void> invalidate(String scope) {
        return values.incr(versionKey(scope)).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    bypassed.increment();
                    return null;
                });
    }

    private String versionKey(String scope) {
        return prefix + "v:" + scope;
    }

    private T parse(String json) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            return null; // written by another version of the service: compute instead
        }
    }

    private String json(T value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serializable: " + type, e);
        }
    }
}
