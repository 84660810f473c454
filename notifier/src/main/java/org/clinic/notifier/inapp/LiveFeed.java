package org.clinic.notifier.inapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Pushes new in-app notifications to open streams, through Redis publish/subscribe so that a
 * stream held by one replica hears of a notification written by another. Best effort: the
 * notification is already stored; when Redis is down a client sees it on its next list.
 */
@ApplicationScoped
public class LiveFeed {

    private static final Logger LOG = Logger.getLogger(LiveFeed.class);
    static final String CHANNEL = "clinic:notifier:notifications";

    private final ReactivePubSubCommands<String> pubsub;
    private final ObjectMapper mapper;

    public LiveFeed(ReactiveRedisDataSource redis, ObjectMapper mapper) {
        this.pubsub = redis.pubsub(String.class);
        this.mapper = mapper;
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

    /** New notifications of one recipient, as they are written. */
    public Multi<NotificationView> follow(UUID recipientId) {
        return pubsub.subscribe(CHANNEL)
                .map(this::parse)
                .filter(entry -> entry != null && recipientId.equals(entry.recipientId()))
                .map(Entry::notification);
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
