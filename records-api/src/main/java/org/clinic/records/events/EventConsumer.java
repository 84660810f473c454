package org.clinic.records.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.events.EventInbox;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Takes events from records-api's durable queue {@code records-api.events} on {@code clinic.events}.
 * A message is acknowledged once its handling committed; a malformed one, or one that still fails
 * after the inbox's retries, is rejected and dead-lettered to {@code records-api.events.dlq}.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final EventInbox inbox;

    public EventConsumer(EventInbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("clinic-events")
    public Uni<Void> consume(byte[] body) {
        return inbox.receive(body, this::handle);
    }

    /** The care-team projection arrives with the records issue; until then each event is only recorded. */
    Uni<Void> handle(CloudEvent event) {
        LOG.debugf("Consumed %s %s", event.type(), event.id());
        return Uni.createFrom().voidItem();
    }
}
