package org.clinic.common.events;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether an inbound event is its producer's: the producer that owns the type's routing
 * key prefix must be known, the {@code source} must be that producer's, its signature must verify
 * with one of that producer's public keys, and the {@code time} must not lie in the future beyond
 * the allowed clock skew (a far-future time would make the event outrank every later real one).
 * Producers sign with {@link #sign}. CPU work (35-80 us with Bouncy Castle): call from a worker thread.
 */
@ApplicationScoped
public class EventTrust {

    private final Map<String, String> sources = new HashMap<>();
    private final Map<String, List<PublicKey>> keys = new HashMap<>();
    private final Optional<PrivateKey> signingKey;
    private final EventTrustConfig config;

    public EventTrust(EventTrustConfig config) {
        this.config = config;
        config.producers().forEach((name, producer) -> {
            sources.put(name, producer.source());
            keys.put(name, producer.publicKeys().orElse(List.of()).stream()
                    .filter(key -> !key.isBlank()).map(EventSignature::publicKey).toList());
        });
        this.signingKey = config.signingKey().filter(key -> !key.isBlank()).map(EventSignature::privateKey);
    }

    /** Created at start, so that a malformed key stops the start-up instead of failing the first event. */
    void parseKeysAtStart(@Observes StartupEvent started) {
    }

    /** Throws {@link UntrustedEventException} naming the attribute at fault. */
    public void check(CloudEvent event) {
        if (event.time() == null) {
            throw new UntrustedEventException("time", "Event lacks time");
        }
        if (event.time().toInstant().isAfter(Instant.now().plus(config.maxClockSkew()))) {
            throw new UntrustedEventException("time", "Event time is in the future");
        }
        String producer;
        try {
            producer = CloudEvent.routingKeyOf(event.type()).split("\\.", 2)[0];
        } catch (IllegalArgumentException e) {
            throw new UntrustedEventException("type", e.getMessage());
        }
        String source = sources.get(producer);
        if (source == null) {
            throw new UntrustedEventException("type", "No trusted producer of " + event.type());
        }
        if (!source.equals(event.source())) {
            throw new UntrustedEventException("source", "Events of type " + event.type() + " come only from " + source);
        }
        if (event.clinicsignature() == null || event.clinicsignature().isBlank()) {
            throw new UntrustedEventException(EventSignature.ATTRIBUTE, "Event is not signed");
        }
        if (!EventSignature.verify(keys.get(producer), event)) {
            throw new UntrustedEventException(EventSignature.ATTRIBUTE, "Event signature does not verify with "
                    + source + "'s key");
        }
    }

    /** This service's signature on an event it produces. */
    public CloudEvent sign(CloudEvent event) {
        PrivateKey key = signingKey.orElseThrow(() -> new IllegalStateException(
                "No event signing key: set EVENT_SIGNING_KEY (clinic.events.trust.signing-key)"));
        return event.withSignature(EventSignature.sign(key, event));
    }

    public boolean canSign() {
        return signingKey.isPresent();
    }
}
