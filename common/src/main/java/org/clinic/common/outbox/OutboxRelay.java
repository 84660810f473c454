package org.clinic.common.outbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.events.EventTrust;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to the {@code clinic.events} exchange with publisher confirms
 * ({@link BrokerPublisher}, a batch per round).
 *
 * <p>A round claims unsent rows with a lease (short transaction, {@code SKIP LOCKED}, so several
 * replicas share the work), publishes them with the event id as AMQP message id, and marks the
 * confirmed ones sent. No transaction stays open while waiting for the broker, and a new round
 * never starts while sends are in flight: a send cannot be cancelled, so retrying early would only
 * publish duplicates. Delivery is at-least-once; consumers deduplicate on the event id.
 *
 * <p>Rounds run every {@code poll-interval}, and also {@code wake-delay} after this instance wrote
 * an event ({@link #wake()}), and again at once while rounds come back full: under load events
 * leave in batches as fast as they are written, instead of one batch per poll (at 100 per second
 * the poll alone left bookings' notifications 78 s behind at about 400 bookings per second). The
 * poll stays as the backstop for events written by other instances or scripts.
 *
 * <p>Each event is signed with this service's key as it leaves ({@link EventTrust}; on a worker
 * thread, off the request path): consumers trust nothing unsigned. Without a signing key nothing is
 * published and the rows wait in the outbox.
 */
@ApplicationScoped
@IfBuildProperty(name = "clinic.outbox.enabled", stringValue = "true")
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private static final String CLAIM = """
            update outbox_event o
               set lease_until = now() + make_interval(secs => $1), attempts = o.attempts + 1
             where o.id in (select id from outbox_event
                             where sent_at is null and (lease_until is null or lease_until < now())
                             order by created_at
                             limit $2
                             for update skip locked)
            returning o.id, o.routing_key, o.payload::text as payload, o.created_at""";
    private static final String MARK_SENT = "update outbox_event set sent_at = now(), lease_until = null where id = any($1)";
    /** Rows nothing was sent for (broker unreachable): free again at once, not after their lease. */
    private static final String RELEASE = "update outbox_event set lease_until = null where id = any($1) and sent_at is null";

    private final Pool database;
    private final BrokerPublisher broker;
    private final OutboxRelayConfig config;
    private final EventTrust trust;
    private final ObjectMapper mapper;
    private final Vertx vertx;
    private final Counter published;
    private final Counter unconfirmed;
    private final AtomicBoolean roundInFlight = new AtomicBoolean();
    /** A round was asked for while one was running: run another when it ends. */
    private final AtomicBoolean roundWanted = new AtomicBoolean();
    private final AtomicBoolean wakeTimerSet = new AtomicBoolean();
    /** After the broker could not be reached, writes wake no round until then (System.nanoTime); the poll goes on. */
    private volatile long wakesPausedUntil = System.nanoTime();
    private final AtomicBoolean unsignedWarned = new AtomicBoolean();

    public OutboxRelay(Pool database, BrokerPublisher broker, OutboxRelayConfig config, EventTrust trust, ObjectMapper mapper, Vertx vertx,
                       MeterRegistry meters) {
        this.database = database;
        this.broker = broker;
        this.config = config;
        this.trust = trust;
        this.mapper = mapper;
        this.vertx = vertx;
        this.published = Counter.builder("clinic.outbox.published")
                .description("Outbox events confirmed by the broker").register(meters);
        this.unconfirmed = Counter.builder("clinic.outbox.unconfirmed")
                .description("Outbox events whose publication failed or was not confirmed in time").register(meters);
    }

    // No round before the application runs: a round during start-up would race the wiring.
    @Scheduled(every = "${clinic.outbox.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> scheduledRound() {
        return relayOnce().replaceWithVoid();
    }

    /**
     * Asks for a round {@code wake-delay} from now: events written meanwhile leave in the same batch.
     * Cheap and safe to call after every write; never blocks, never fails.
     */
    public void wake() {
        if (System.nanoTime() - wakesPausedUntil < 0) {
            return;
        }
        if (wakeTimerSet.compareAndSet(false, true)) {
            vertx.setTimer(Math.max(1, config.wakeDelay().toMillis()), id -> {
                wakeTimerSet.set(false);
                relayOnce().subscribe().with(confirmed -> { }, failure -> { });
            });
        }
    }

    /** One round; answers how many events were confirmed (0 when a previous round is still in flight). */
    public Uni<Integer> relayOnce() {
        if (!trust.canSign()) {
            if (unsignedWarned.compareAndSet(false, true)) {
                LOG.error("Outbox not relayed: no event signing key (EVENT_SIGNING_KEY); consumers refuse unsigned events");
            }
            return Uni.createFrom().item(0);
        }
        if (!roundInFlight.compareAndSet(false, true)) {
            roundWanted.set(true);
            // The running round may have ended between the two lines above and missed the wish.
            if (!roundInFlight.get() && roundWanted.getAndSet(false)) {
                wake();
            }
            return Uni.createFrom().item(0);
        }
        // A full round the broker took events from is followed at once by the next (a refused event
        // is leased away from the next rounds); a round that got nothing out (a failing database or
        // broker) waits for a wake or the poll: no tight loop.
        AtomicBoolean again = new AtomicBoolean();
        return claim()
                .chain(claimed -> signAndPublish(claimed).chain(result -> {
                    again.set(claimed.size() >= config.batchSize() && !result.confirmed().isEmpty());
                    if (result.sent()) {
                        return markSent(result.confirmed());
                    }
                    wakesPausedUntil = System.nanoTime() + config.pollInterval().toNanos();
                    return release(claimed).replaceWith(0);
                }))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Outbox round failed: %s", failure.toString());
                    again.set(false);
                    return 0;
                })
                .eventually(() -> {
                    roundInFlight.set(false);
                    if (roundWanted.getAndSet(false) | again.get()) {
                        wake();
                    }
                });
    }

    private Uni<List<ClaimedEvent>> claim() {
        return database.preparedQuery(CLAIM)
                .execute(Tuple.of(config.lease().toSeconds(), config.batchSize()))
                .map(rows -> {
                    List<ClaimedEvent> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new ClaimedEvent(row.getUUID("id"), row.getString("routing_key"),
                                row.getString("payload"), row.getOffsetDateTime("created_at")));
                    }
                    claimed.sort(Comparator.comparing(ClaimedEvent::createdAt));
                    return claimed;
                });
    }

    /**
     * On a worker thread: signs each envelope with this service's key (about 35 us of CPU each) and
     * publishes the batch with confirms; answers the ids the broker confirmed.
     */
    private Uni<BrokerPublisher.Result> signAndPublish(List<ClaimedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new BrokerPublisher.Result(List.of(), true));
        }
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            List<BrokerPublisher.Outgoing> signed = new ArrayList<>(events.size());
            for (ClaimedEvent event : events) {
                try {
                    CloudEvent envelope = trust.sign(mapper.readValue(event.payload(), CloudEvent.class));
                    signed.add(new BrokerPublisher.Outgoing(event.id(), event.routingKey(), mapper.writeValueAsBytes(envelope)));
                } catch (IOException e) {
                    LOG.errorf("Outbox event %s is not a readable CloudEvent; left unsent", event.id());
                }
            }
            BrokerPublisher.Result result = broker.publish(signed, config.confirmTimeout());
            published.increment(result.confirmed().size());
            unconfirmed.increment(signed.size() - result.confirmed().size());
            return result;
        }), false);
    }

    private Uni<Integer> markSent(List<UUID> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return database.preparedQuery(MARK_SENT)
                .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)))
                .map(result -> ids.size());
    }

    private Uni<Void> release(List<ClaimedEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return database.preparedQuery(RELEASE)
                .execute(Tuple.tuple().addArrayOfUUID(events.stream().map(ClaimedEvent::id).toArray(UUID[]::new)))
                .replaceWithVoid();
    }

    private record ClaimedEvent(UUID id, String routingKey, String payload, OffsetDateTime createdAt) {
    }

}
