package org.clinic.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which events are trusted (deploy/events.md, "Trust"): each producer, named by the first part of
 * its routing keys ({@code scheduling}, {@code records}), has one CloudEvents {@code source} and
 * the public keys that verify its signatures; a producer signs with its own private key.
 */
@ConfigMapping(prefix = "clinic.events.trust")
public interface EventTrustConfig {

    /** This service's Ed25519 private key (EVENT_SIGNING_KEY); required where the outbox relay runs. */
    Optional<String> signingKey();

    /** How far in the future an event's {@code time} may lie (the producers' clocks may be ahead a little). */
    @WithDefault("1m")
    Duration maxClockSkew();

    /** By the first segment of the routing key. */
    Map<String, Producer> producers();

    interface Producer {

        /** The only {@code source} the producer's events may carry, e.g. {@code /scheduling-api}. */
        String source();

        /** Public keys (base64 DER); two while a key is rotated. None: the producer's events are refused. */
        Optional<List<String>> publicKeys();
    }
}
