package org.clinic.common.ratelimit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.time.Duration;
import org.clinic.common.problem.RateLimitedException;
import org.clinic.common.security.Fingerprint;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The general budget of every {@code /api/} request: per signed-in user, or per client address
 * when there is no valid token. Fails open when Redis is down (the API keeps serving).
 */
public class ApiBudgetFilter {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final RateLimiter limiter;
    private final RateLimitConfig config;
    private final CurrentIdentityAssociation identity;

    public ApiBudgetFilter(RateLimiter limiter, RateLimitConfig config, CurrentIdentityAssociation identity) {
        this.limiter = limiter;
        this.config = config;
        this.identity = identity;
    }

    @ServerRequestFilter
    public Uni<Void> checkBudget(ContainerRequestContext context, HttpServerRequest request) {
        if (!config.enabled() || !context.getUriInfo().getPath().startsWith("/api/")) {
            return Uni.createFrom().voidItem();
        }
        return identity.getDeferredIdentity()
                .onFailure().recoverWithNull()
                .chain(caller -> {
                    boolean anonymous = caller == null || caller.isAnonymous();
                    String key = anonymous ? "addr:" + ClientAddress.of(request) : "user:" + Fingerprint.of(name(caller));
                    int limit = anonymous ? config.perAddress() : config.perUser();
                    return limiter.hit("api", key, limit, WINDOW, RateLimiter.Fallback.FAIL_OPEN);
                })
                .chain(decision -> decision.allowed()
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().failure(new RateLimitedException(decision.retryAfterSeconds())));
    }

    private static String name(SecurityIdentity caller) {
        return caller.getPrincipal().getName();
    }
}
