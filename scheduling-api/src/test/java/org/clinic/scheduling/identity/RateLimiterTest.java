package org.clinic.scheduling.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clinic.common.ratelimit.RateLimiter;
import org.clinic.common.testing.JwtTestKeys;
import org.junit.jupiter.api.Test;

/** The fixed-window counter behind the API budget and the login limits, against the real Redis. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class RateLimiterTest {

    private static final Duration WINDOW = Duration.ofSeconds(60);

    @Inject
    RateLimiter limiter;

    @Inject
    RedisDataSource redis;

    @Test
    void hitsWithinTheLimitCostOneRoundTripAndOnlyTheFirstSetsTheWindow() {
        String key = UUID.randomUUID().toString();
        long expiresBefore = expireCalls();
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.hit("test", key, 10, WINDOW, RateLimiter.Fallback.FAIL_OPEN).await().indefinitely().allowed()).isTrue();
        }
        // One EXPIRE for the window, none per hit (nothing else here sets expiries with EXPIRE).
        assertThat(expireCalls() - expiresBefore).isBetween(1L, 2L);
        assertThat(redis.key().ttl("rl:test:" + key)).isBetween(1L, 60L);
        var refused = limiter.hit("test", key, 10, WINDOW, RateLimiter.Fallback.FAIL_OPEN).await().indefinitely();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 60L);
    }

    @Test
    void aCounterLeftWithoutExpiryEndsOneWindowAfterItFirstRefuses() {
        String key = UUID.randomUUID().toString();
        redis.value(Long.class).set("rl:test:" + key, 10L); // as if EXPIRE never ran after INCR
        var refused = limiter.hit("test", key, 10, WINDOW, RateLimiter.Fallback.FAIL_OPEN).await().indefinitely();
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(60L);
        assertThat(redis.key().ttl("rl:test:" + key)).isBetween(1L, 60L);
    }

    private long expireCalls() {
        String stats = redis.execute("INFO", "commandstats").toString();
        Matcher m = Pattern.compile("cmdstat_expire:calls=(\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
