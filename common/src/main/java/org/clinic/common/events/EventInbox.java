package org.clinic.common.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The single entry for inbound events, whatever transport brought them (AMQP or HTTP).
 * Delivery is at-least-once, so each event id is recorded in {@code processed_event} in the same
 * transaction as its handling: a redelivered event is acknowledged without being handled twice.
 * Every service that consumes events has that table in its own migrations. Only events their
 * producer signed, with a time not in the future, get in ({@link EventTrust}).
 */
@ApplicationScoped
public class EventInbox {

    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final EventRetryConfig retry;
    private final EventTrust trust;
    private final Vertx vertx;

    public EventInbox(ObjectMapper mapper, MeterRegistry meters, EventRetryConfig retry, EventTrust trust, Vertx vertx) {
        this.mapper = mapper;
        this.meters = meters;
        this.retry = retry;
        this.trust = trust;
        this.vertx = vertx;
    }

    /**
     * Decodes a message body and processes it once: what a consumer's {@code @Incoming} method
     * returns. Fails (so the message is rejected and dead-lettered) when the body is not a
     * CloudEvent or handling still fails after the retries.
     */
    public Uni<Void> receive(byte[] body, Function<CloudEvent, Uni<Void>> handler) {
        return accept(body).chain(event -> processOnce(event, handler));
    }

    /**
     * Decodes a structured-mode CloudEvent and checks it is its producer's ({@link EventTrust}), on a
     * worker thread (verifying a signature is CPU work); resumes on the caller's context, so the
     * reactive transaction that follows runs where it must. Fails with
     * {@link MalformedEventException} (or its {@link UntrustedEventException}) when refused.
     */
    public Uni<CloudEvent> accept(byte[] body) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
                    CloudEvent event = decode(body);
                    trust.check(event);
                    return event;
                }), false)
                .onFailure().invoke(e -> {
                    if (e instanceof UntrustedEventException untrusted) {
                        meters.counter("clinic.events.untrusted", "attribute", untrusted.attribute()).increment();
                    } else {
                        meters.counter("clinic.events.malformed").increment();
                    }
                    LOG.warnf("Rejected an inbound message: %s", e.getMessage());
                });
    }

    /** Parses and checks the shape of a structured-mode CloudEvent (not yet whether it is trusted). */
    CloudEvent decode(byte[] body) {
        CloudEvent event;
        try {
            event = mapper.readValue(body, CloudEvent.class);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Body is not a CloudEvent JSON document");
        } catch (java.io.IOException e) {
            throw new MalformedEventException("Body could not be read");
        }
        if (event == null || !CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new MalformedEventException("Unsupported or missing specversion");
        }
        if (isBlank(event.id()) || isBlank(event.type()) || isBlank(event.source())) {
            throw new MalformedEventException("Event lacks id, type or source");
        }
        return event;
    }

    /**
     * Runs {@code handler} once per event id, inside one transaction with the id's record, retrying
     * transient failures with back-off; the returned {@code Uni} fails only when retries are exhausted.
     */
    public Uni<Void> processOnce(CloudEvent event, Function<CloudEvent, Uni<Void>> handler) {
        return withRetries(event, Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                        .createNativeQuery("insert into processed_event (event_id, type, source, received_at) "
                                + "values (:id, :type, :source, now()) on conflict (event_id) do nothing")
                        .setParameter("id", event.id())
                        .setParameter("type", event.type())
                        .setParameter("source", event.source())
                        .executeUpdate()
                        .chain(inserted -> inserted == 0
                                ? Uni.createFrom().item(false)
                                : handler.apply(event).replaceWith(true)))));
    }

    /**
     * The first step of a handler written as one SQL statement: {@code with inbox as (INBOX_ROW), ...}
     * with the event's id, type and source as $1, $2 and $3. The statement's other steps select from
     * {@code inbox}, so a duplicate changes nothing; it answers whether the row was new.
     */
    public static final String INBOX_ROW = "insert into processed_event (event_id, type, source, received_at) "
            + "values ($1, $2, $3, now()) on conflict (event_id) do nothing returning event_id";

    /**
     * Runs a handler that records the event's id ({@link #INBOX_ROW}) and applies it in one
     * statement, so one round trip to PostgreSQL, with the retries and meters of
     * {@link #processOnce}. {@code statement} answers whether the event was new.
     */
    public Uni<Void> processOnceInOneStatement(CloudEvent event, Function<CloudEvent, Uni<Boolean>> statement) {
        return withRetries(event, Uni.createFrom().deferred(() -> statement.apply(event)));
    }

    private Uni<Void> withRetries(CloudEvent event, Uni<Boolean> handledOnce) {
        return handledOnce
                .invoke(wasNew -> {
                    if (wasNew) {
                        meters.counter("clinic.events.consumed", "type", event.type()).increment();
                    } else {
                        LOG.debugf("Event %s already processed, skipped", event.id());
                        meters.counter("clinic.events.duplicates", "type", event.type()).increment();
                    }
                })
                .replaceWithVoid()
                .onFailure(e -> !(e instanceof MalformedEventException))
                .retry().withBackOff(retry.initialBackOff(), retry.maxBackOff()).atMost(retry.attempts())
                .onFailure().invoke(e -> {
                    meters.counter("clinic.events.failed", "type", event.type()).increment();
                    LOG.errorf("Event %s of type %s failed after retries: %s", event.id(), event.type(),
                            e.getClass().getName());
                });
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
