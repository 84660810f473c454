package org.clinic.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often a failing event is retried in-process before it goes to the dead-letter queue. */
@ConfigMapping(prefix = "clinic.events.retry")
public interface EventRetryConfig {

    @WithDefault("4")
    int attempts();

    @WithDefault("200ms")
    Duration initialBackOff();

    @WithDefault("5s")
    Duration maxBackOff();
}
