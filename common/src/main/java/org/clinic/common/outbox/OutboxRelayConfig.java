package org.clinic.common.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tunables of {@link OutboxRelay}. */
@ConfigMapping(prefix = "clinic.outbox")
public interface OutboxRelayConfig {

    /** Build time: the service produces events (has the outbox table; publishes with the rabbitmq-* settings). */
    @WithDefault("false")
    boolean enabled();

    /** How often the relay looks for unsent events. */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long after this instance wrote an event its round starts: events written meanwhile share
     * the round (one claim and one mark-sent statement for the batch). The poll interval is the
     * backstop for events written elsewhere.
     */
    @WithDefault("20ms")
    Duration wakeDelay();

    /** Events claimed per round. */
    @WithDefault("100")
    int batchSize();

    /** How long a claimed row belongs to this instance before another instance may take it over. */
    @WithDefault("60s")
    Duration lease();

    /**
     * How long a round may wait for broker confirms. While the broker is down sends neither complete
     * nor fail, and a message the client re-sends after reconnecting may never report its confirm
     * (seen in deploy/local/faults.sh: delivered, yet the round waited on). After this the round
     * gives up and new events flow again; the unconfirmed rows are published again once their lease
     * ends (consumers deduplicate on the event id).
     */
    @WithDefault("15s")
    Duration confirmTimeout();
}
