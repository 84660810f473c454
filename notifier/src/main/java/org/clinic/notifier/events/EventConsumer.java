package org.clinic.notifier.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes events from the notifier's durable queue {@code notifier.events} on {@code clinic.events}.
 * A message is acknowledged once its handling committed; a malformed one, or one that still fails
 * after the inbox's retries, is rejected and dead-lettered to {@code notifier.events.dlq}.
 */
@ApplicationScoped
public class EventConsumer {

    private final NotificationHandler handler;

    public EventConsumer(NotificationHandler handler) {
        this.handler = handler;
    }

    @Incoming("clinic-events")
    public Uni<Void> consume(byte[] body) {
        return handler.receive(body);
    }
}
