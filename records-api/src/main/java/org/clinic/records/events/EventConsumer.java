package org.clinic.records.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.events.EventInbox;
import org.clinic.records.careteam.CareTeamProjection;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Takes scheduling events from records-api's durable queue {@code records-api.events} into the
 * care-team projection. A message is acknowledged once its handling committed; a malformed one,
 * or one that still fails after the inbox's retries, is rejected and dead-lettered to
 * {@code records-api.events.dlq}.
 */
@ApplicationScoped
public class EventConsumer {

    private final EventInbox inbox;
    private final CareTeamProjection projection;

    public EventConsumer(EventInbox inbox, CareTeamProjection projection) {
        this.inbox = inbox;
        this.projection = projection;
    }

    @Incoming("clinic-events")
    public Uni<Void> consume(byte[] body) {
        return inbox.accept(body).chain(projection::applyOnce);
    }
}
