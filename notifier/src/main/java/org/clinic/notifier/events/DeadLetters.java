package org.clinic.notifier.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.clinic.common.events.MalformedEventException;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Puts a message that cannot be handled into {@code notifier.events.dlq} with the reason, so an
 * operator sees why without digging through logs: headers {@code x-clinic-dead-letter-reason},
 * {@code x-clinic-original-routing-key}, {@code x-clinic-dead-lettered-at}. The reason names what
 * is wrong with the message (never its content); for a handling failure, only the error's class.
 */
@ApplicationScoped
public class DeadLetters {

    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry meters;

    public DeadLetters(@Channel("dead-letters") MutinyEmitter<byte[]> emitter, MeterRegistry meters) {
        this.emitter = emitter;
        this.meters = meters;
    }

    /** Completes once the broker confirmed the copy; the caller then acknowledges the original. */
    public Uni<Void> send(Message<byte[]> original, Throwable failure) {
        Optional<IncomingRabbitMQMetadata> incoming = original.getMetadata(IncomingRabbitMQMetadata.class);
        String reason = failure instanceof MalformedEventException
                ? "malformed: " + failure.getMessage()
                : "handling failed after retries: " + failure.getClass().getName();
        OutgoingRabbitMQMetadata.Builder metadata = OutgoingRabbitMQMetadata.builder()
                .withDeliveryMode(2)
                .withHeader("x-clinic-dead-letter-reason", reason)
                .withHeader("x-clinic-dead-lettered-at", ZonedDateTime.now().toString());
        incoming.ifPresent(in -> {
            in.getMessageId().ifPresent(metadata::withMessageId);
            in.getContentType().ifPresent(metadata::withContentType);
            metadata.withHeader("x-clinic-original-routing-key", in.getRoutingKey());
        });
        return emitter.sendMessage(Message.of(original.getPayload(), Metadata.of(metadata.build())))
                .invoke(() -> meters.counter("clinic.events.dead.lettered",
                        "reason", failure instanceof MalformedEventException ? "malformed" : "failed").increment());
    }
}
