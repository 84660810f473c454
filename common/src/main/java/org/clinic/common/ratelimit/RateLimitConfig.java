package org.clinic.common.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The general request budget of the whole API, per minute. */
@ConfigMapping(prefix = "clinic.rate-limit.api")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Requests per minute for one signed-in user. */
    @WithDefault("600")
    int perUser();

    /** Requests per minute from one client address without a valid token. */
    @WithDefault("300")
    int perAddress();
}
