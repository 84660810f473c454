package org.clinic.notifier.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.clinic.notifier.NotifierConfig;
import org.clinic.notifier.recipient.Channel;
import org.jboss.logging.Logger;

/**
 * Sends pending e-mail and SMS deliveries. A round claims due rows with a lease (short
 * transaction, {@code SKIP LOCKED}, so replicas share the work and never send the same row at
 * once), sends them with no transaction open, then marks each sent, or schedules its next attempt
 * with exponential back-off, or after the last attempt marks it failed. Failed rows stay for an
 * admin to re-drive; nothing is deleted.
 */
@ApplicationScoped
public class DeliveryDispatcher {

    private static final Logger LOG = Logger.getLogger(DeliveryDispatcher.class);

    private static final String CLAIM = """
            update delivery d
               set lease_until = now() + make_interval(secs => $1), attempts = d.attempts + 1
             where d.id in (select id from delivery
                             where status = 'PENDING' and next_attempt_at <= now()
                               and (lease_until is null or lease_until < now())
                             order by next_attempt_at
                             limit $2
                             for update skip locked)
            returning d.id, d.channel, d.address, d.subject, d.body, d.attempts, d.message""";
    private static final String MARK_SENT = """
            update delivery set status = 'SENT', sent_at = now(), lease_until = null, last_error = null where id = $1""";
    private static final String RETRY_LATER = """
            update delivery set lease_until = null, last_error = $2,
                   next_attempt_at = now() + make_interval(secs => $3)
             where id = $1""";
    private static final String MARK_FAILED = """
            update delivery set status = 'FAILED', lease_until = null, last_error = $2 where id = $1""";

    private final Pool database;
    private final ReactiveMailer mailer;
    private final SmsSender sms;
    private final NotifierConfig.Delivery config;
    private final MeterRegistry meters;
    private final AtomicBoolean roundInFlight = new AtomicBoolean();

    public DeliveryDispatcher(Pool database, ReactiveMailer mailer, SmsSender sms, NotifierConfig config,
                              MeterRegistry meters) {
        this.database = database;
        this.mailer = mailer;
        this.sms = sms;
        this.config = config.delivery();
        this.meters = meters;
    }

    @Scheduled(identity = "delivery-round", every = "${clinic.notifier.delivery.poll-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledRound() {
        return dispatchOnce().replaceWithVoid();
    }

    /** Starts a round now (after a commit that queued deliveries) without waiting for it. */
    public void kick() {
        dispatchOnce().subscribe().with(sent -> { }, failure -> { });
    }

    /** One round; answers how many deliveries were sent (0 when a round is already running). */
    public Uni<Integer> dispatchOnce() {
        if (!roundInFlight.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return claim()
                .chain(claimed -> Multi.createFrom().iterable(claimed)
                        .onItem().transformToUniAndMerge(this::attempt)
                        .collect().asList())
                .map(results -> (int) results.stream().filter(Boolean::booleanValue).count())
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Delivery round failed: %s", failure.getClass().getName());
                    return 0;
                })
                .eventually(() -> roundInFlight.set(false));
    }

    private Uni<List<Claimed>> claim() {
        return database.preparedQuery(CLAIM)
                .execute(Tuple.of(config.lease().toSeconds(), config.batchSize()))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>();
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getUUID("id"), Channel.valueOf(row.getString("channel")),
                                row.getString("address"), row.getString("subject"), row.getString("body"),
                                row.getInteger("attempts"), row.getString("message")));
                    }
                    return claimed;
                });
    }

    /** Sends one delivery and records the result; answers whether it went out. */
    private Uni<Boolean> attempt(Claimed delivery) {
        Uni<Void> send = switch (delivery.channel()) {
            case EMAIL -> mailer.send(Mail.withText(delivery.address(), delivery.subject(), delivery.body()));
            case SMS -> sms.send(delivery.address(), delivery.body());
            case IN_APP -> Uni.createFrom().voidItem();
        };
        String channel = delivery.channel().name();
        return Uni.createFrom().deferred(() -> send)
                .ifNoItem().after(config.lease().dividedBy(2)).fail()
                .chain(() -> database.preparedQuery(MARK_SENT).execute(Tuple.of(delivery.id())))
                .map(done -> {
                    meters.counter("clinic.notifications.sent", "channel", channel, "message", delivery.message()).increment();
                    return true;
                })
                .onFailure().recoverWithUni(failure -> failed(delivery, failure));
    }

    private Uni<Boolean> failed(Claimed delivery, Throwable failure) {
        // The class and the server's reply; never the address or the text.
        String error = failure.getClass().getSimpleName() + ": " + firstLine(failure.getMessage());
        String channel = delivery.channel().name();
        if (delivery.attempts() >= config.maxAttempts()) {
            meters.counter("clinic.notifications.failed", "channel", channel, "message", delivery.message()).increment();
            LOG.warnf("Delivery %s (%s) failed for good after %d attempts: %s", delivery.id(), channel,
                    delivery.attempts(), failure.getClass().getName());
            return database.preparedQuery(MARK_FAILED).execute(Tuple.of(delivery.id(), error)).replaceWith(false);
        }
        meters.counter("clinic.notifications.retried", "channel", channel).increment();
        return database.preparedQuery(RETRY_LATER)
                .execute(Tuple.of(delivery.id(), error, backOff(delivery.attempts()).toMillis() / 1000.0))
                .replaceWith(false);
    }

    /** Wait before the attempt after {@code attempts}: initial, doubled each time, capped. */
    Duration backOff(int attempts) {
        Duration wait = config.initialBackOff();
        for (int i = 1; i < attempts && wait.compareTo(config.maxBackOff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackOff()) > 0 ? config.maxBackOff() : wait;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        // Servers often quote the recipient ("550 <ana@example.org>: unknown user"): keep it out.
        String line = message.lines().findFirst().orElse("").replaceAll("\\S+@\\S+", "<address>");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }

    private record Claimed(UUID id, Channel channel, String address, String subject, String body, int attempts,
                           String message) {
    }
}
