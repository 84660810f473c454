package org.clinic.notifier.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes events from the notifier's durable queue {@code notifier.events} on {@code clinic.events}.
 * A message is acknowledged once its handling committed. One that is malformed, or still fails
 * after the inbox's retries, is copied to {@code notifier.events.dlq} with the reason and then
 * acknowledged, so it never blocks the queue; if even that copy fails, it is rejected and the
 * broker dead-letters it (without the reason) through {@code clinic.dlx}.
 */
@ApplicationScoped
public class EventConsumer {

    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    private final NotificationHandler handler;
    private final DeadLetters deadLetters;

    public EventConsumer(NotificationHandler handler, DeadLetters deadLetters) {
        this.handler = handler;
        this.deadLetters = deadLetters;
    }

    @Incoming("clinic-events")
    public Uni<Void> consume(Message<byte[]> message) {
        return handler.receive(message.getPayload())
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(failure -> deadLetters.send(message, failure)
                        .chain(() -> Uni.createFrom().completionStage(message.ack()))
                        .onFailure().recoverWithUni(unsent -> {
                            LOG.warnf("Dead-letter copy not published (%s); rejecting the message", unsent.getClass().getName());
                            return Uni.createFrom().completionStage(message.nack(failure));
                        }));
    }
}
