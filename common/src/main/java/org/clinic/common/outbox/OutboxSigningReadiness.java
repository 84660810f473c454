package org.clinic.common.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.events.EventTrust;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready without an event signing key: the relay then publishes nothing (consumers refuse
 * unsigned events), and an operator must see that at once rather than find a silent outbox.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "clinic.outbox.enabled", stringValue = "true")
public class OutboxSigningReadiness implements HealthCheck {

    private final EventTrust trust;

    public OutboxSigningReadiness(EventTrust trust) {
        this.trust = trust;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("event-signing").status(trust.canSign())
                .withData("key", trust.canSign() ? "set" : "missing: set EVENT_SIGNING_KEY").build();
    }
}
