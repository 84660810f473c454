package org.clinic.common.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.clinic.common.events.CloudEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends an event to the outbox inside the caller's transaction, so the event exists if and only
 * if the change it reports commits. Publishing is {@link OutboxRelay}'s job. Present in services
 * that produce events ({@code clinic.outbox.enabled=true} at build time, an {@code outbox_event}
 * table in their migrations).
 */
@ApplicationScoped
@IfBuildProperty(name = "clinic.outbox.enabled", stringValue = "true")
public class OutboxWriter {

    private final ObjectMapper mapper;
    private final String source;
    private final OutboxRelay relay;

    public OutboxWriter(ObjectMapper mapper, @ConfigProperty(name = "quarkus.application.name") String application,
                        OutboxRelay relay) {
        this.mapper = mapper;
        this.source = "/" + application;
        this.relay = relay;
    }

    /**
     * Tells the relay an event was written (a writer inserting rows itself calls this once its
     * statement committed): it leaves within the relay's wake delay instead of at the next poll.
     */
    public void written() {
        relay.wake();
    }

    /** An event and the JSON an {@code outbox_event} row holds of it. */
    public record Envelope(CloudEvent event, String payload) {
    }

    /**
     * The event of this service, ready for the outbox: for a writer that inserts the row itself, in
     * the same statement as the change it reports (see the booking).
     */
    public Envelope envelope(String type, String subject, Object data) {
        CloudEvent event = CloudEvent.create(source, type, subject, mapper.valueToTree(data));
        try {
            return new Envelope(event, mapper.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data is not serializable", e);
        }
    }

    /** Must run inside {@code @WithTransaction}: without a transaction the write is refused. */
    public Uni<CloudEvent> append(String type, String subject, Object data) {
        return Uni.createFrom().item(() -> envelope(type, subject, data)).chain(envelope -> Panache.getSession().chain(session -> {
            CloudEvent event = envelope.event();
            if (session.currentTransaction() == null) {
                return Uni.createFrom().failure(new IllegalStateException(
                        "Outbox writes must share the transaction of the change they report"));
            }
            return session.createNativeQuery("insert into outbox_event (id, event_type, routing_key, subject, payload) "
                            + "values (:id, :type, :routingKey, :subject, cast(cast(:payload as text) as jsonb))")
                    .setParameter("id", UUID.fromString(event.id()))
                    .setParameter("type", event.type())
                    .setParameter("routingKey", event.routingKey())
                    .setParameter("subject", subject)
                    .setParameter("payload", envelope.payload())
                    .executeUpdate()
                    // Usually committed within the wake delay; if not, the row waits for the poll.
                    .invoke(this::written)
                    .replaceWith(event);
        }));
    }
}
