package org.clinic.notifier.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.clinic.notifier.NotifierClock;
import org.clinic.notifier.NotifierConfig;
import org.clinic.common.persistence.Sql;
import org.clinic.notifier.delivery.OutgoingMessages;
import org.clinic.notifier.events.AfterCommit;
import org.clinic.notifier.events.Outcome;
import org.clinic.notifier.message.MessageRenderer;
import org.clinic.notifier.message.Models;
import org.clinic.notifier.message.WhoIsTold;
import org.clinic.notifier.recipient.RecipientDirectory;
import org.jboss.logging.Logger;

/**
 * Reminders before confirmed appointments: planned from scheduling events, sent by ticks.
 *
 * <p>A tick claims due reminders with {@code FOR UPDATE SKIP LOCKED} and writes their messages in
 * the same transaction, so replicas ticking at once never send one twice. Ticks come from the
 * scheduler while the service runs, and from {@code POST /internal/reminders/tick} (a Knative ping
 * source) when it scales to zero.
 */
@ApplicationScoped
public class ReminderService {

    private static final Logger LOG = Logger.getLogger(ReminderService.class);
    private static final String REMINDER = "appointment-reminder";

    private static final String UPSERT = """
            insert into reminder (id, appointment_id, offset_minutes, due_at, generation, status, created_at)
            values (:id, :appointment, :offset, :due, 1, 'PENDING', now())
            on conflict (appointment_id, offset_minutes) do update
               set due_at = excluded.due_at, status = 'PENDING', generation = reminder.generation + 1, sent_at = null
             where reminder.due_at <> excluded.due_at or reminder.status = 'CANCELLED'""";
    private static final String CANCEL_OFFSET = """
            update reminder set status = 'CANCELLED'
             where appointment_id = :appointment and offset_minutes = :offset and status = 'PENDING'""";
    private static final String CANCEL_ALL = """
            update reminder set status = 'CANCELLED' where appointment_id = :appointment and status = 'PENDING'""";
    // The appointment's row is locked too: a reminder whose appointment an event is changing right
    // now waits for the next tick instead of going out on the state before the change.
    private static final String CLAIM_DUE = """
            select r.* from reminder r join appointment_view v on v.appointment_id = r.appointment_id
             where r.status = 'PENDING' and r.due_at <= :now
             order by r.due_at limit :limit
               for update of r, v skip locked""";
    private static final int BATCH = 100;

    private final NotifierConfig config;
    private final NotifierClock clock;
    private final RecipientDirectory recipients;
    private final MessageRenderer renderer;
    private final OutgoingMessages outgoing;
    private final AfterCommit afterCommit;
    private final ObjectMapper mapper;
    private final Timer lateness;
    private final MeterRegistry meters;

    public ReminderService(NotifierConfig config, NotifierClock clock, RecipientDirectory recipients,
                           MessageRenderer renderer, OutgoingMessages outgoing, AfterCommit afterCommit,
                           ObjectMapper mapper, MeterRegistry meters) {
        this.config = config;
        this.clock = clock;
        this.recipients = recipients;
        this.renderer = renderer;
        this.outgoing = outgoing;
        this.afterCommit = afterCommit;
        this.mapper = mapper;
        this.meters = meters;
        this.lateness = Timer.builder("clinic.reminders.lateness")
                .description("How long after its due time a reminder was written").register(meters);
    }

    /**
     * Brings an appointment's reminders in line with its new state, inside the event's transaction.
     * Only confirmed appointments have reminders; an offset that had already passed when the
     * appointment got its time ({@code asOf}) gets none.
     */
    public Uni<Void> plan(UUID appointmentId, String status, Instant start, Instant asOf) {
        if (!"CONFIRMED".equals(status)) {
            return Sql.update(CANCEL_ALL, Map.of("appointment", appointmentId)).replaceWithVoid();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Duration offset : config.reminders().offsets()) {
            Instant due = start.minus(offset);
            Map<String, Object> p = new HashMap<>();
            p.put("appointment", appointmentId);
            p.put("offset", (int) offset.toMinutes());
            if (due.isAfter(asOf)) {
                p.put("id", UUID.randomUUID());
                p.put("due", due);
                chain = chain.chain(() -> Sql.update(UPSERT, p)).replaceWithVoid();
            } else {
                chain = chain.chain(() -> Sql.update(CANCEL_OFFSET, p)).replaceWithVoid();
            }
        }
        return chain;
    }

    @Scheduled(identity = "reminder-tick", every = "${clinic.notifier.reminders.tick-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledTick() {
        return tick().replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Reminder tick failed: %s", failure.getClass().getName());
                    return null;
                });
    }

    /** Writes every reminder due by now; answers how many went out. */
    public Uni<Integer> tick() {
        Instant now = clock.now();
        Outcome outcome = new Outcome();
        return Panache.withTransaction(() -> {
                    outcome.clear();
                    return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM_DUE, Reminder.class)
                                    .setParameter("now", Sql.timestamp(now))
                                    .setParameter("limit", BATCH)
                                    .getResultList())
                            .chain(due -> Multi.createFrom().iterable(due)
                                    .onItem().transformToUniAndConcatenate(reminder -> send(reminder, now, outcome))
                                    .collect().asList())
                            .map(sent -> (int) sent.stream().filter(Boolean::booleanValue).count());
                })
                .call(() -> afterCommit.run(outcome));
    }

    /** Writes one reminder's messages, or drops it when the appointment changed or already began. */
    private Uni<Boolean> send(Reminder reminder, Instant now, Outcome outcome) {
        return AppointmentView.<AppointmentView>findById(reminder.appointmentId).chain(view -> {
            if (!"CONFIRMED".equals(view.status) || !view.startsAt.isAfter(now)) {
                reminder.status = "CONFIRMED".equals(view.status) ? Reminder.SKIPPED : Reminder.CANCELLED;
                meters.counter("clinic.reminders.dropped", "status", reminder.status).increment();
                return Uni.createFrom().item(false);
            }
            return recipients.find(view.patientId, WhoIsTold.PATIENT).chain(patient -> {
                MessageRenderer.Rendered text;
                try {
                    text = renderer.render(REMINDER, patient.language, Models.appointment(parse(view.data), patient,
                            config.appUrl(), Duration.ofMinutes(reminder.offsetMinutes)));
                } catch (RuntimeException e) {
                    // One reminder that cannot be written must not hold back all the others, tick after tick.
                    LOG.errorf("Reminder %s cannot be written (%s); skipped", reminder.id, e.getClass().getName());
                    reminder.status = Reminder.SKIPPED;
                    meters.counter("clinic.reminders.dropped", "status", "UNWRITABLE").increment();
                    return Uni.createFrom().item(false);
                }
                String origin = "reminder:" + reminder.appointmentId + ":" + reminder.offsetMinutes + ":"
                        + reminder.generation + ":" + patient.id;
                return outgoing.queue(origin, "reminder", REMINDER, patient, reminder.appointmentId, text, outcome)
                        .map(ignored -> {
                            reminder.status = Reminder.SENT;
                            reminder.sentAt = now;
                            lateness.record(Duration.between(reminder.dueAt, now));
                            return true;
                        });
            });
        });
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Stored appointment data is not JSON", e);
        }
    }
}
