package org.clinic.common.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.keys.ExpireArgs;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Fixed-window counters in Redis, shared by all replicas. When Redis cannot be reached a limit
 * either fails open (the request passes; the failure shows in {@code clinic_ratelimit_redis_errors_total}
 * and in readiness) or, for limits that guard credentials, falls back to {@link LocalWindowCounter}
 * so that brute force stays bounded per replica.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    private final ReactiveValueCommands<String, Long> counters;
    private final LocalWindowCounter local = new LocalWindowCounter();
    private final Counter redisErrors;
    private final MeterRegistry meters;

    public RateLimiter(ReactiveRedisDataSource redis, MeterRegistry meters) {
        this.counters = redis.value(Long.class);
        this.meters = meters;
        this.redisErrors = Counter.builder("clinic.ratelimit.redis.errors")
                .description("Rate-limit checks that could not reach Redis").register(meters);
    }

    /** What to do when Redis is unreachable. */
    public enum Fallback { FAIL_OPEN, LOCAL }

    /** Outcome of a check: allowed, or refused with the seconds until the window ends. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    /** Counts one hit on {@code key} and decides whether it is within {@code limit} per {@code window}. */
    public Uni<Decision> hit(String name, String key, int limit, Duration window, Fallback fallback) {
        String redisKey = "rl:" + name + ":" + key;
        return counters.incr(redisKey)
                // The first hit of a window sets its end, so every other hit within the limit costs
                // one round trip; later hits never extend it. A counter left without expiry (a
                // failure between INCR and EXPIRE) gets one when it first refuses (secondsLeft).
                .call(count -> count == 1 ? counters.getDataSource().key().expire(redisKey, window)
                        : Uni.createFrom().voidItem())
                .chain(count -> count <= limit
                        ? Uni.createFrom().item(Decision.ALLOWED)
                        : secondsLeft(redisKey, window).map(seconds -> refused(name, seconds)))
                .ifNoItem().after(REDIS_TIMEOUT).fail()
                .onFailure().recoverWithItem(failure -> {
                    redisErrors.increment();
                    LOG.debugf("Rate limit %s not checked in Redis: %s", name, failure.toString());
                    if (fallback == Fallback.FAIL_OPEN) {
                        return Decision.ALLOWED;
                    }
                    long seconds = local.hit(redisKey, limit, window);
                    return seconds == 0 ? Decision.ALLOWED : refused(name, seconds);
                });
    }

    /** Forgets a counter, e.g. the failed logins of an account after a successful login. */
    public Uni<Void> reset(String name, String key) {
        String redisKey = "rl:" + name + ":" + key;
        local.reset(redisKey);
        return counters.getdel(redisKey).replaceWithVoid()
                .ifNoItem().after(REDIS_TIMEOUT).recoverWithItem(() -> null)
                .onFailure().recoverWithNull();
    }

    private Uni<Long> secondsLeft(String redisKey, Duration window) {
        var keys = counters.getDataSource().key();
        return keys.ttl(redisKey).chain(ttl -> ttl > 0 ? Uni.createFrom().item(ttl)
                : keys.expire(redisKey, window, new ExpireArgs().nx()).replaceWith(window.toSeconds()));
    }

    private Decision refused(String name, long seconds) {
        meters.counter("clinic.ratelimit.refused", "limit", name).increment();
        return new Decision(false, Math.max(1, seconds));
    }
}
