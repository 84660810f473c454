package org.clinic.common.problem;

/** A request over a rate limit: {@code 429} with {@code Retry-After}. */
public class RateLimitedException extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super(429, "RATE_LIMITED", "Too many requests", "Too many requests; retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
