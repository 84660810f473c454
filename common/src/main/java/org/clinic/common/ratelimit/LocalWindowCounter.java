package org.clinic.common.ratelimit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-process fixed-window counters: the fallback for credential limits while Redis is
 * unreachable. Bounded per replica only, and forgotten on restart.
 */
final class LocalWindowCounter {

    private static final int MAX_KEYS = 100_000;

    private record Window(long endsAtMillis, int count) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /** Counts a hit; answers 0 when allowed, else the seconds until the window ends. */
    long hit(String key, int limit, Duration window) {
        long now = System.currentTimeMillis();
        if (windows.size() > MAX_KEYS) {
            windows.values().removeIf(w -> w.endsAtMillis() <= now);
        }
        Window current = windows.compute(key, (k, w) -> w == null || w.endsAtMillis() <= now
                ? new Window(now + window.toMillis(), 1)
                : new Window(w.endsAtMillis(), w.count() + 1));
        return current.count() <= limit ? 0 : secondsUntil(current, now);
    }

    void reset(String key) {
        windows.remove(key);
    }

    private static long secondsUntil(Window window, long now) {
        return Math.max(1, (window.endsAtMillis() - now + 999) / 1000);
    }
}
