package org.clinic.notifier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.clinic.notifier.TestEvents.count;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reminders with a clock the test moves: planned on confirmation, sent once at each offset (also
 * with two ticks at once), moved by a reschedule, dropped by a cancellation, none for an offset
 * already past at booking. Each test has its own appointment far in the future, so ticks of one
 * test never reach another's reminders before the test moves its clock there.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class ReminderTest {

    /** Replaces the service's clock for the duration of a test. */
    static class MovableClock extends NotifierClock {
        volatile Instant now = Instant.now();

        @Override
        public Instant now() {
            return now;
        }
    }

    @Inject
    Pool database;

    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void useMovableClock() {
        QuarkusMock.installMockForType(clock, NotifierClock.class);
    }

    @Test
    void eachOffsetIsSentOnceWhenDue() {
        Instant booking = TestEvents.now();
        Instant start = farStart(1);
        ObjectNode booked = TestEvents.booked(start, booking);
        TestEvents.post(booked);
        UUID appointment = TestEvents.appointmentId(booked);
        assertThat(reminders(appointment)).containsExactly(
                "1440 PENDING " + start.minus(Duration.ofHours(24)) + " 1",
                "120 PENDING " + start.minus(Duration.ofHours(2)) + " 1");

        clock.now = start.minus(Duration.ofHours(25));
        tick();
        assertThat(reminderMessages(TestEvents.patientId(booked))).isZero();

        clock.now = start.minus(Duration.ofHours(23));
        tick();
        tick();
        assertThat(reminders(appointment)).extracting(r -> r.split(" ")[1]).containsExactly("SENT", "PENDING");
        assertThat(reminderMessages(TestEvents.patientId(booked))).isEqualTo(1);
        assertThat(count(database, "select count(*) from delivery where recipient_id = $1 and message = 'appointment-reminder'",
                TestEvents.patientId(booked))).isEqualTo(2); // e-mail and SMS
        String title = given().auth().oauth2(TestTokens.forPatient(TestEvents.patientId(booked)))
                .get("/api/v1/notifications").then().statusCode(200).extract().path("items[0].title");
        assertThat(title).isEqualTo("Lembrete: consulta daqui a 24 horas");

        clock.now = start.minus(Duration.ofMinutes(90));
        tick();
        assertThat(reminders(appointment)).extracting(r -> r.split(" ")[1]).containsExactly("SENT", "SENT");
        assertThat(reminderMessages(TestEvents.patientId(booked))).isEqualTo(2);
        // The doctor is not reminded.
        assertThat(reminderMessages(TestEvents.doctorId(booked))).isZero();
    }

    @Test
    void twoReplicasTickingAtOnceSendOnce() {
        Instant start = farStart(2);
        ObjectNode booked = TestEvents.booked(start, TestEvents.now());
        TestEvents.post(booked);
        clock.now = start.minus(Duration.ofHours(23));

        List<CompletableFuture<Void>> ticks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ticks.add(CompletableFuture.runAsync(this::tick));
        }
        ticks.forEach(CompletableFuture::join);

        assertThat(reminderMessages(TestEvents.patientId(booked))).isEqualTo(1);
        assertThat(count(database, "select count(*) from delivery where recipient_id = $1 and message = 'appointment-reminder' "
                + "and channel = 'EMAIL'", TestEvents.patientId(booked))).isEqualTo(1);
    }

    @Test
    void aRescheduleMovesRemindersAndACancellationDropsThem() {
        Instant start = farStart(3);
        Instant moved = start.plus(Duration.ofDays(2));
        ObjectNode booked = TestEvents.booked(start, TestEvents.now().minus(Duration.ofMinutes(5))); // later ones +1 min each
        ObjectNode rescheduled = TestEvents.next(booked, "rescheduled", "CONFIRMED", Duration.ofMinutes(1));
        TestEvents.data(rescheduled).put("previousStart", start.toString()).put("start", moved.toString());
        TestEvents.post(booked);
        TestEvents.post(rescheduled);
        UUID appointment = TestEvents.appointmentId(booked);
        assertThat(reminders(appointment)).containsExactly(
                "1440 PENDING " + moved.minus(Duration.ofHours(24)) + " 2",
                "120 PENDING " + moved.minus(Duration.ofHours(2)) + " 2");

        clock.now = start.minus(Duration.ofHours(1)); // the old times pass: nothing goes out
        tick();
        assertThat(reminderMessages(TestEvents.patientId(booked))).isZero();

        clock.now = moved.minus(Duration.ofHours(23));
        tick();
        assertThat(reminderMessages(TestEvents.patientId(booked))).isEqualTo(1);

        TestEvents.post(TestEvents.next(rescheduled, "cancelled", "CANCELLED", Duration.ofMinutes(1)));
        assertThat(reminders(appointment)).extracting(r -> r.split(" ")[1]).containsExactly("SENT", "CANCELLED");
        clock.now = moved.minus(Duration.ofHours(1));
        tick();
        assertThat(reminderMessages(TestEvents.patientId(booked))).isEqualTo(1);
    }

    @Test
    void noReminderForAnOffsetAlreadyPastAtBooking() {
        // Event times are never in the future (they would be refused): appointments soon after now.
        Instant booking = TestEvents.now();
        Instant start = booking.plus(Duration.ofHours(5)); // the 24 h reminder would be in the past
        TestEvents.post(TestEvents.booked(start, booking));
        ObjectNode late = TestEvents.booked(booking.plus(Duration.ofMinutes(30)), booking); // both would be
        TestEvents.post(late);

        assertThat(reminders(TestEvents.appointmentId(late))).isEmpty();
        clock.now = start;
        tick();
        assertThat(reminderMessages(TestEvents.patientId(late))).isZero();
    }

    @Test
    void aRequestGetsRemindersOnlyOnceConfirmedAndAStaleEventChangesNothing() {
        Instant start = farStart(5);
        ObjectNode requested = TestEvents.booked(start, TestEvents.now().minus(Duration.ofMinutes(5))); // later ones +1 min each
        TestEvents.data(requested).put("status", "REQUESTED");
        ObjectNode confirmed = TestEvents.next(requested, "confirmed", "CONFIRMED", Duration.ofMinutes(1));
        ObjectNode cancelled = TestEvents.next(confirmed, "cancelled", "CANCELLED", Duration.ofMinutes(1));
        UUID appointment = TestEvents.appointmentId(requested);

        TestEvents.post(requested);
        assertThat(reminders(appointment)).isEmpty();
        // Out of order: the cancellation overtakes the confirmation.
        TestEvents.post(cancelled);
        TestEvents.post(confirmed);
        assertThat(reminders(appointment)).isEmpty();
        given().auth().oauth2(TestTokens.forPatient(TestEvents.patientId(requested))).get("/api/v1/notifications")
                .then().statusCode(200)
                .body("items.message", org.hamcrest.Matchers.contains("appointment-cancelled", "appointment-requested"));
        assertThat(count(database, "select count(*) from appointment_view where appointment_id = $1 and status = 'CANCELLED'",
                appointment)).isEqualTo(1);
    }

    @Test
    void theTickNeedsTheInternalTokenOrAnAdmin() {
        given().post("/internal/reminders/tick").then().statusCode(401);
        given().auth().oauth2(TestTokens.withRoles("PATIENT")).post("/internal/reminders/tick").then().statusCode(403);
        clock.now = Instant.parse("2000-01-01T00:00:00Z"); // nothing is due then
        given().auth().oauth2(TestTokens.withRoles("ADMIN")).post("/internal/reminders/tick").then().statusCode(200)
                .body("reminders", org.hamcrest.Matchers.is(0));
    }

    /** Appointments years ahead, one slot per test, so that tests do not tick each other's reminders. */
    private static Instant farStart(int slot) {
        return Instant.parse("2031-01-01T10:00:00Z").plus(Duration.ofDays(30L * slot))
                .plus(Duration.ofMinutes(UUID.randomUUID().hashCode() & 0xfff));
    }

    private void tick() {
        given().header("X-Internal-Token", TestEvents.INTERNAL_TOKEN).post("/internal/reminders/tick").then().statusCode(200);
    }

    private List<String> reminders(UUID appointment) {
        List<String> rows = new ArrayList<>();
        for (Row row : TestEvents.query(database, "select offset_minutes, status, due_at, generation from reminder "
                + "where appointment_id = $1 order by offset_minutes desc", appointment)) {
            rows.add(row.getInteger(0) + " " + row.getString(1) + " " + row.getOffsetDateTime(2).toInstant() + " "
                    + row.getInteger(3));
        }
        return rows;
    }

    private long reminderMessages(UUID recipient) {
        return count(database, "select count(*) from notification where recipient_id = $1 and message = 'appointment-reminder'",
                recipient);
    }
}
