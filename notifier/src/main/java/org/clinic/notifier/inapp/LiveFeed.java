package org.clinic.notifier.inapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.clinic.notifier.NotifierConfig;
import org.jboss.logging.Logger;

/**
 * Pushes new in-app notifications to open streams, through Redis publish/subscribe so that a
 * stream held by one replica hears of a notification written by another. Best effort: the
 * notification is already stored; when Redis is down a client sees it on its next list.
 *
 * <p>A stream ends when its subscription does, so the client reconnects, lists what it missed and
 * follows again. A closed connection ends a subscription by itself; one left half open (Redis
 * restarted on another host, a network drop) would wait forever, so every replica publishes a
 * probe on the channel each heartbeat and a subscription that hears nothing, not even a probe, for
 * three heartbeats is taken for dead.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    static final String CHANNEL = "clinic:notifier:notifications";
    /** Published on the channel each heartbeat; no notification. */
    static final String PROBE = "probe";

    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper mapper;
    private final Duration silenceLimit;

    public LiveFeed(ReactiveRedisDataSource redis, ObjectMapper mapper, NotifierConfig config) {
        this.pubsub = redis.pubsub(String.class);
        this.mapper = mapper;
        this.silenceLimit = config.live().heartbeat().multipliedBy(3);
    }

    /** A notification and whom it is for. */
    @RegisterForReflection
    public record Entry(UUID recipientId, NotificationView notification) {
    }

    public Uni<Void> publish(List<Entry> entries) {
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> pubsub.publish(CHANNEL, json(entry)))
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Live notification not pushed: %s", failure.getClass().getName());
                    return null;
                });
    }

    @Scheduled(identity = "live-feed-probe", every = "${clinic.notifier.live.heartbeat:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> probe() {
        // Redis down: nothing to do, the streams end by themselves when the probes stop.
        return pubsub.publish(CHANNEL, PROBE).replaceWithVoid().onFailure().recoverWithNull();
    }

    /** New notifications of one recipient, as they are written; completes when the subscription is lost. */
    public Multi<NotificationView> follow(UUID recipientId) {
        return pubsub.subscribe(CHANNEL)
                .ifNoItem().after(silenceLimit).failWith(SilentSubscription::new)
                .onFailure().invoke(failure -> LOG.infof("Live stream ended: %s", failure instanceof SilentSubscription
                        ? "no probe heard for " + silenceLimit.toSeconds() + " s" : failure.getClass().getName()))
                .onFailure().recoverWithCompletion()
                .filter(message -> !PROBE.equals(message))
                .map(this::parse)
                .filter(entry -> entry != null && recipientId.equals(entry.recipientId()))
                .map(Entry::notification);
    }

    private static final class SilentSubscription extends RuntimeException {
        SilentSubscription() {
            super(null, null, false, false);
        }
    }

    private String json(Entry entry) {
        try {
            return mapper.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Notification not serializable", e);
        }
    }

    private Entry parse(String json) {
        try {
            return mapper.readValue(json, Entry.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
