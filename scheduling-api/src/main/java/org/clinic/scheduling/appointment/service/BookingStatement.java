package org.clinic.scheduling.appointment.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.clinic.common.outbox.OutboxWriter;
import org.clinic.common.persistence.Sql;
import org.clinic.common.persistence.Transactions;
import org.clinic.scheduling.appointment.Appointment;

/**
 * A booking as one prepared statement, so one round trip to PostgreSQL: it re-checks that the
 * doctor is active with the schedule version the slot was checked against, and that the patient
 * is active, then inserts the appointment, its first history row and its outbox event together
 * (the event's patient part is read from the patient's row in the same statement). The exclusion
 * constraints settle races with other bookings (23P01).
 */
@ApplicationScoped
public class BookingStatement {

    /** What the statement did: booked, or why not. */
    public enum Outcome { BOOKED, SCHEDULE_MOVED, UNKNOWN_PATIENT }

    // The doctor's row is locked (FOR NO KEY UPDATE) for the statement's short transaction:
    // - a schedule change (whose triggers update that row) waits for this booking to commit, or this
    //   booking waits for it and then sees the moved version;
    // - bookings of one doctor take turns, so a booking of a just-taken slot meets a committed
    //   appointment and fails at once (23P01). With FOR SHARE they inserted side by side and waited
    //   on each other's exclusion-constraint entries: under 64 clients on hot slots, deadlocks found
    //   only after deadlock_timeout piled up until every pooled connection waited (30 s stalls).
    // The payload is bound as text: the client would send a Java String bound to jsonb as a JSON string.
    private static final String SQL = """
            with doctor_now as (
                select id from doctor where id = $1 and active and schedule_version = $2 for no key update),
            patient_now as (
                select id, first_name, last_name, preferred_language, email, phone, consent_email, consent_sms
                from patient where id = $3 and active),
            booked as (
                insert into appointment (id, doctor_id, patient_id, location_id, telehealth, time_zone, starts_at, ends_at,
                                         blocked_until, type, reason, status, late_cancellation, created_at, updated_at, version)
                select $4::uuid, d.id, p.id, $5::uuid, $6::boolean, $7::text, $8::timestamptz, $9::timestamptz,
                       $10::timestamptz, $11::text, $12::text, $13::text, false, $14::timestamptz, $14::timestamptz, 0
                from doctor_now d, patient_now p
                returning id),
            history as (
                insert into appointment_history (id, appointment_id, changed_at, changed_by, from_status, to_status, reason)
                select $15::uuid, b.id, $14::timestamptz, $16::uuid, null, $13::text, null from booked b),
            event as (
                insert into outbox_event (id, event_type, routing_key, subject, payload)
                select $17::uuid, $18::text, $19::text, b.id::text, jsonb_set(($20::text)::jsonb, '{data,patient}', jsonb_build_object(
                    'id', p.id, 'firstName', p.first_name, 'lastName', p.last_name,
                    'preferredLanguage', coalesce(p.preferred_language, 'en'),
                    'contact', jsonb_strip_nulls(jsonb_build_object(
                        'email', case when p.consent_email then p.email end,
                        'sms', case when p.consent_sms then p.phone end))))
                from booked b, patient_now p)
            select (select count(*) from booked) as booked, (select count(*) from patient_now) as patient_found""";

    private final Pool database;

    public BookingStatement(Pool database) {
        this.database = database;
    }

    /**
     * Writes {@code a} (not yet stored) with its history row by {@code changedBy} and {@code event}
     * (whose {@code data.patient} the statement fills), if the doctor's schedule is still at
     * {@code scheduleVersion}. Runs again on a deadlock between racing bookings.
     */
    public Uni<Outcome> book(Appointment a, long scheduleVersion, UUID changedBy, OutboxWriter.Envelope event) {
        Tuple parameters = Tuple.tuple()
                .addUUID(a.doctorId).addLong(scheduleVersion).addUUID(a.patientId)
                .addUUID(a.id).addUUID(a.locationId).addBoolean(a.telehealth).addString(a.timeZone)
                .addOffsetDateTime(Sql.timestamp(a.startsAt)).addOffsetDateTime(Sql.timestamp(a.endsAt))
                .addOffsetDateTime(Sql.timestamp(a.blockedUntil)).addString(a.type).addString(a.reason)
                .addString(a.status.name()).addOffsetDateTime(Sql.timestamp(a.createdAt))
                .addUUID(UUID.randomUUID()).addUUID(changedBy)
                .addUUID(UUID.fromString(event.event().id())).addString(event.event().type())
                .addString(event.event().routingKey()).addString(event.payload());
        return Transactions.retryingStatement(() -> database.preparedQuery(SQL).execute(parameters))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong("booked") == 1) {
                        return Outcome.BOOKED;
                    }
                    return row.getLong("patient_found") == 0 ? Outcome.UNKNOWN_PATIENT : Outcome.SCHEDULE_MOVED;
                });
    }
}
