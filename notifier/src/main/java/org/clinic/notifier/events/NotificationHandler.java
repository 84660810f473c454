package org.clinic.notifier.events;

import static org.clinic.common.events.EventData.required;
import static org.clinic.common.events.EventData.uuid;
import static org.clinic.notifier.message.WhoIsTold.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.events.EventInbox;
import org.clinic.common.events.MalformedEventException;
import org.clinic.notifier.NotifierConfig;
import org.clinic.common.persistence.Sql;
import org.clinic.notifier.delivery.OutgoingMessages;
import org.clinic.notifier.message.MessageModel;
import org.clinic.notifier.message.MessageRenderer;
import org.clinic.notifier.message.Models;
import org.clinic.notifier.message.WhoIsTold;
import org.clinic.notifier.message.WhoIsTold.Intent;
import org.clinic.notifier.recipient.Recipient;
import org.clinic.notifier.recipient.RecipientDirectory;
import org.clinic.notifier.reminder.ReminderService;

/**
 * The one handler of inbound events, whichever way they came (RabbitMQ or CloudEvents over HTTP).
 * It runs inside {@link EventInbox}'s transaction, so an event is handled once: its contacts,
 * appointment state, reminders and messages are written together with the event id, or not at all.
 */
@ApplicationScoped
public class NotificationHandler {

    // An event older than the last one applied to the appointment changes nothing and tells nobody.
    private static final String UPSERT_APPOINTMENT = """
            insert into appointment_view (appointment_id, patient_id, doctor_id, status, starts_at, data,
                                          last_event_time, updated_at)
            values (:id, :patient, :doctor, :status, :start, :data, :asOf, now())
            on conflict (appointment_id) do update
               set status = excluded.status, starts_at = excluded.starts_at, data = excluded.data,
                   last_event_time = excluded.last_event_time, updated_at = now()
             where appointment_view.last_event_time <= excluded.last_event_time""";

    private final EventInbox inbox;
    private final RecipientDirectory recipients;
    private final ReminderService reminders;
    private final MessageRenderer renderer;
    private final OutgoingMessages outgoing;
    private final AfterCommit afterCommit;
    private final NotifierConfig config;
    private final MeterRegistry meters;

    public NotificationHandler(EventInbox inbox, RecipientDirectory recipients, ReminderService reminders,
                               MessageRenderer renderer, OutgoingMessages outgoing, AfterCommit afterCommit,
                               NotifierConfig config, MeterRegistry meters) {
        this.inbox = inbox;
        this.recipients = recipients;
        this.reminders = reminders;
        this.renderer = renderer;
        this.outgoing = outgoing;
        this.afterCommit = afterCommit;
        this.config = config;
        this.meters = meters;
    }

    /** A message body from the broker: decoded, handled once, then pushed and sent. */
    public Uni<Void> receive(byte[] body) {
        Outcome outcome = new Outcome();
        return inbox.receive(body, event -> handle(event, outcome)).call(() -> afterCommit.run(outcome));
    }

    /** An event that came over HTTP: handled once, then pushed and sent. */
    public Uni<Void> receive(CloudEvent event) {
        Outcome outcome = new Outcome();
        return inbox.processOnce(event, e -> handle(e, outcome)).call(() -> afterCommit.run(outcome));
    }

    Uni<Void> handle(CloudEvent event, Outcome outcome) {
        outcome.clear(); // a retried transaction starts over
        return Uni.createFrom().deferred(() -> route(event, outcome))
                .onFailure(e -> e instanceof DateTimeException || e instanceof IllegalArgumentException)
                .transform(e -> new MalformedEventException("Event " + event.id() + " has unusable data: "
                        + e.getClass().getSimpleName()));
    }

    private Uni<Void> route(CloudEvent event, Outcome outcome) {
        String[] key = CloudEvent.routingKeyOf(event.type()).split("\\.", 3);
        if (key.length < 3) {
            return ignore(event);
        }
        String entity = key[0] + "." + key[1];
        JsonNode data = event.data() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : event.data();
        switch (entity) {
            case "scheduling.appointment":
                return appointment(event, key[2], data, outcome);
            case "scheduling.patient":
                return patient(event, key[2], data);
            case "scheduling.doctor", "scheduling.specialization":
                return Uni.createFrom().voidItem(); // known, nothing to tell anyone
            default:
                String message = key[0].equals("records") ? WhoIsTold.forRecords(key[1] + "." + key[2]) : null;
                return message == null ? ignore(event) : records(event, message, data, outcome);
        }
    }

    private Uni<Void> appointment(CloudEvent event, String change, JsonNode data, Outcome outcome) {
        UUID appointmentId = uuid(data, "appointmentId");
        String status = required(data, "status");
        Instant start = OffsetDateTime.parse(required(data, "start")).toInstant();
        ZoneId.of(required(data, "timeZone"));
        JsonNode patient = data.path("patient");
        JsonNode doctor = data.path("doctor");
        UUID patientId = uuid(data, "patient.id");
        UUID doctorId = uuid(data, "doctor.id");
        Instant asOf = eventTime(event);

        Map<String, Object> view = new HashMap<>();
        view.put("id", appointmentId);
        view.put("patient", patientId);
        view.put("doctor", doctorId);
        view.put("status", status);
        view.put("start", start);
        view.put("data", data.toString());
        view.put("asOf", asOf);
        return recipients.learn(patientId, WhoIsTold.PATIENT, text(patient, "firstName"), text(patient, "preferredLanguage"),
                        text(patient.path("contact"), "email"), text(patient.path("contact"), "sms"), asOf)
                .chain(() -> recipients.learn(doctorId, WhoIsTold.DOCTOR, text(doctor, "name"), text(doctor, "language"),
                        text(doctor.path("contact"), "email"), null, asOf))
                .chain(() -> Sql.update(UPSERT_APPOINTMENT, view))
                .chain(applied -> {
                    if (applied == 0) {
                        meters.counter("clinic.events.stale", "type", event.type()).increment();
                        return Uni.createFrom().voidItem();
                    }
                    List<Intent> intents = WhoIsTold.forAppointment(change, status, text(data, "changedBy"), patientId, doctorId);
                    return reminders.plan(appointmentId, status, start, asOf)
                            .chain(() -> tell(event, intents, appointmentId, outcome,
                                    recipient -> Models.appointment(data, recipient, config.appUrl(), null)));
                });
    }

    private Uni<Void> patient(CloudEvent event, String change, JsonNode data) {
        UUID patientId = uuid(data, "patientId");
        JsonNode contact = data.path("contact");
        if ("deactivated".equals(change)) { // no contact any more; the name stays for the record
            return Recipient.<Recipient>findById(patientId).chain(known -> recipients.learn(patientId, WhoIsTold.PATIENT,
                    known == null ? "" : known.displayName, known == null ? "en" : known.language, null, null, eventTime(event)));
        }
        return recipients.learn(patientId, WhoIsTold.PATIENT, text(data, "firstName"), text(data, "preferredLanguage"),
                text(contact, "email"), text(contact, "sms"), eventTime(event));
    }

    private Uni<Void> records(CloudEvent event, String message, JsonNode data, Outcome outcome) {
        UUID patientId = uuid(data, "patientId");
        Intent intent = new Intent(WhoIsTold.PATIENT, patientId, message);
        return tell(event, List.of(intent), null, outcome, recipient -> Models.records(data, recipient, config.appUrl()));
    }

    private Uni<Void> tell(CloudEvent event, List<Intent> intents, UUID appointmentId, Outcome outcome,
                           java.util.function.Function<Recipient, MessageModel> model) {
        return Multi.createFrom().iterable(intents)
                .onItem().transformToUniAndConcatenate(intent -> recipients.find(intent.recipientId(), intent.recipientKind())
                        .chain(recipient -> outgoing.queue("event:" + event.id() + ":" + recipient.id, event.type(),
                                intent.message(), recipient, appointmentId,
                                renderer.render(intent.message(), recipient.language, model.apply(recipient)), outcome)))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> ignore(CloudEvent event) {
        meters.counter("clinic.events.unknown", "type", event.type()).increment();
        return Uni.createFrom().voidItem();
    }

    private static Instant eventTime(CloudEvent event) {
        return event.time() == null ? Instant.now() : event.time().toInstant();
    }
}
