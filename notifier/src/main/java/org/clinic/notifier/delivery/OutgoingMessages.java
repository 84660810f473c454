package org.clinic.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.persistence.Sql;
import org.clinic.notifier.events.Outcome;
import org.clinic.notifier.inapp.LiveFeed;
import org.clinic.notifier.inapp.NotificationView;
import org.clinic.notifier.message.MessageRenderer.Rendered;
import org.clinic.notifier.recipient.Channel;
import org.clinic.notifier.recipient.Recipient;

/**
 * Queues one written message for one recipient on every channel they allow, inside the caller's
 * transaction: an in-app notification row, and a pending delivery row per e-mail or SMS that
 * {@link DeliveryDispatcher} sends after commit. The dedupe key ({@code <origin>:<channel>})
 * makes queueing the same message twice a no-op.
 */
@ApplicationScoped
public class OutgoingMessages {

    private static final String INSERT_DELIVERY = """
            insert into delivery (id, dedupe_key, event_type, message, recipient_id, recipient_kind, channel,
                                  address, subject, body, status, attempts, next_attempt_at, created_at)
            values (:id, :key, :eventType, :message, :recipient, :kind, :channel,
                    :address, :subject, :body, 'PENDING', 0, now(), now())
            on conflict (dedupe_key) do nothing""";
    private static final String INSERT_NOTIFICATION = """
            insert into notification (id, dedupe_key, recipient_id, message, title, body, appointment_id, created_at)
            values (:id, :key, :recipient, :message, :title, :body, cast(nullif(:appointment, '') as uuid), :createdAt)
            on conflict (dedupe_key) do nothing""";

    private final MeterRegistry meters;

    public OutgoingMessages(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * @param origin  what the message comes from and to whom, e.g. {@code event:<id>:<recipient>}
     * @param appointmentId the appointment it concerns, or {@code null}
     */
    public Uni<Void> queue(String origin, String eventType, String message, Recipient recipient, UUID appointmentId,
                           Rendered text, Outcome outcome) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Channel channel : Channel.values()) {
            if (!recipient.allows(channel)) {
                meters.counter("clinic.notifications.suppressed", "channel", channel.name(), "message", message).increment();
                continue;
            }
            String key = origin + ":" + channel.name();
            chain = chain.chain(() -> channel == Channel.IN_APP
                    ? inApp(key, message, recipient, appointmentId, text, outcome)
                    : delivery(key, eventType, message, recipient, channel, text, outcome));
        }
        return chain;
    }

    private Uni<Void> delivery(String key, String eventType, String message, Recipient recipient, Channel channel,
                               Rendered text, Outcome outcome) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", UUID.randomUUID());
        p.put("key", key);
        p.put("eventType", eventType);
        p.put("message", message);
        p.put("recipient", recipient.id);
        p.put("kind", recipient.kind);
        p.put("channel", channel.name());
        p.put("address", recipient.addressFor(channel));
        p.put("subject", text.subject());
        p.put("body", channel == Channel.EMAIL ? text.email() : text.sms());
        return Sql.update(INSERT_DELIVERY, p).invoke(inserted -> {
            if (inserted > 0) {
                outcome.deliveryQueued();
            }
        }).replaceWithVoid();
    }

    private Uni<Void> inApp(String key, String message, Recipient recipient, UUID appointmentId, Rendered text,
                            Outcome outcome) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("key", key);
        p.put("recipient", recipient.id);
        p.put("message", message);
        p.put("title", text.subject());
        p.put("body", text.sms());
        p.put("appointment", appointmentId == null ? "" : appointmentId.toString()); // no untyped null parameters
        p.put("createdAt", now);
        return Sql.update(INSERT_NOTIFICATION, p).invoke(inserted -> {
            if (inserted > 0) {
                meters.counter("clinic.notifications.sent", "channel", Channel.IN_APP.name(), "message", message).increment();
                outcome.notificationCreated(new LiveFeed.Entry(recipient.id,
                        new NotificationView(id, message, text.subject(), text.sms(), appointmentId, now, null)));
            }
        }).replaceWithVoid();
    }
}
