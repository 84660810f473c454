package org.clinic.common.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.clinic.common.problem.Problem;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * At most {@code clinic.http.open-requests-per-address} requests open at once from one client
 * address (any path), so one client cannot take the connections of everybody else with streams
 * or slowly sent bodies. Beyond it: {@code 429} and the connection is closed. Requests whose
 * headers never finish do not reach the router; those are bounded by the server's connection cap
 * and idle timeout, and by the ingress's header timeout (deploy/README.md).
 */
@ApplicationScoped
public class OpenRequestLimit {

    /** Runs before every other route, so a refused request costs no authentication or I/O. */
    private static final int FIRST = Integer.MIN_VALUE + 100;

    private final int limit;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Counter refused;

    public OpenRequestLimit(@ConfigProperty(name = "clinic.http.open-requests-per-address", defaultValue = "256") int limit,
                            MeterRegistry meters) {
        this.limit = limit;
        this.refused = Counter.builder("clinic.http.requests.refused")
                .description("Requests refused because their address had too many open at once")
                .tag("reason", "open-requests-per-address")
                .register(meters);
    }

    void install(@Observes Router router) {
        if (limit > 0) {
            router.route().order(FIRST).handler(this::admit);
        }
    }

    void admit(RoutingContext context) {
        String address = ClientAddress.of(context.request());
        // Counted and released inside the map's per-key operations, so an address's entry is
        // dropped only when nothing is open from it.
        int now = open.compute(address, (key, count) -> {
            AtomicInteger counted = count == null ? new AtomicInteger() : count;
            counted.incrementAndGet();
            return counted;
        }).get();
        if (now > limit) {
            release(address);
            refused.increment();
            refuse(context);
            return;
        }
        // Called once, when the response ended or the connection closed under it.
        context.addEndHandler(done -> release(address));
        context.next();
    }

    private void release(String address) {
        open.computeIfPresent(address, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    private void refuse(RoutingContext context) {
        Problem problem = Problem.of(429, "TOO_MANY_OPEN_REQUESTS", "Too many open requests",
                "At most " + limit + " requests may be open at once from one address", context.normalizedPath());
        context.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", "1")
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(Json.encode(problem));
    }
}
