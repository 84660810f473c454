package org.clinic.scheduling.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * A booking checks its slot against the doctor's schedule kept in this process, and its one
 * statement checks that schedule's version in PostgreSQL. Here the schedule is changed behind the
 * service's back (plain SQL, as a script or another replica would): the kept copy is stale, and
 * still nothing is booked outside what the doctor's current schedule allows.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class StaleScheduleTest {

    @Inject
    Pool database;

    @Test
    void timeOffAddedBehindTheServicesBackIsNotBookedThroughTheKeptSchedule() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String token = TestTokens.forPatient(patient);
        List<String> free = ClinicFixture.freeSlots(doctor);
        // The first booking makes the service keep this doctor's schedule.
        ClinicFixture.book(token, doctor, patient, free.get(0)).response().then().statusCode(201);

        OffsetDateTime off = OffsetDateTime.parse(free.get(2));
        sql("insert into time_off (id, doctor_id, starts_at, ends_at, reason, created_at) values ($1, $2, $3, $4, 'sick', now())",
                Tuple.of(UUID.randomUUID(), doctor, off, off.plusMinutes(30)));

        var refused = ClinicFixture.book(token, doctor, patient, free.get(2));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("code")).isEqualTo("SLOT_UNAVAILABLE");
        assertThat(count("select count(*) from appointment where doctor_id = $1", doctor)).isEqualTo(1);
        // A slot the time off leaves free is booked against the schedule read again.
        ClinicFixture.book(token, doctor, patient, free.get(4)).response().then().statusCode(201);
    }

    @Test
    void hoursRemovedOrADoctorDeactivatedBehindTheServicesBackBookNothing() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String token = TestTokens.forPatient(patient);
        List<String> free = ClinicFixture.freeSlots(doctor);
        ClinicFixture.book(token, doctor, patient, free.get(0)).response().then().statusCode(201);

        // Hours cut to 08:00-08:30: only the 08:00 slots stay bookable.
        sql("update availability_rule set end_time = '08:30' where doctor_id = $1", Tuple.of(doctor));
        String later = free.stream().skip(1).filter(start -> !start.contains("T08:00")).findFirst().orElseThrow();
        var refused = ClinicFixture.book(token, doctor, patient, later);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.<String>path("code")).isEqualTo("SLOT_UNAVAILABLE");

        // An 08:00 slot the kept schedule allows, of a doctor deactivated since.
        String eight = free.stream().skip(1).filter(start -> start.contains("T08:00")).findFirst().orElseThrow();
        sql("update doctor set active = false where id = $1", Tuple.of(doctor));
        var gone = ClinicFixture.book(token, doctor, patient, eight);
        assertThat(gone.statusCode()).isEqualTo(400);
        assertThat(gone.<String>path("errors[0].field")).isEqualTo("doctorId");
        assertThat(count("select count(*) from appointment where doctor_id = $1", doctor)).isEqualTo(1);
    }

    @Test
    void hoursOpenedBehindTheServicesBackAreBookedThoughTheKeptScheduleHadNone() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String token = TestTokens.forPatient(patient);
        List<String> free = ClinicFixture.freeSlots(doctor);
        // The whole day closed: the kept schedule refuses every slot of it.
        OffsetDateTime first = OffsetDateTime.parse(free.get(0));
        sql("insert into time_off (id, doctor_id, starts_at, ends_at, reason, created_at) values ($1, $2, $3, $4, 'closed', now())",
                Tuple.of(UUID.randomUUID(), doctor, first.minusDays(1), first.plusDays(3)));
        assertThat(ClinicFixture.book(token, doctor, patient, free.get(0)).statusCode()).isEqualTo(409);

        sql("delete from time_off where doctor_id = $1", Tuple.of(doctor));
        ClinicFixture.book(token, doctor, patient, free.get(0)).response().then().statusCode(201);
    }

    @Test
    void everyChangeOfWhatIsBookableMovesTheDoctorsScheduleVersion() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        List<Long> versions = new java.util.ArrayList<>(List.of(version(doctor)));
        sql("update location set name = name || ' (moved)' where id in (select location_id from availability_rule where doctor_id = $1)",
                Tuple.of(doctor));
        versions.add(version(doctor));
        sql("insert into availability_override (id, doctor_id, date, created_at) values ($1, $2, current_date + 3, now())",
                Tuple.of(UUID.randomUUID(), doctor));
        versions.add(version(doctor));
        sql("update doctor set min_notice_minutes = 60 where id = $1", Tuple.of(doctor));
        versions.add(version(doctor));
        sql("delete from availability_override where doctor_id = $1", Tuple.of(doctor));
        versions.add(version(doctor));
        // Random tokens, not a counter: after a restore an old value must not come back.
        assertThat(versions).doesNotHaveDuplicates();
    }

    @Test
    void theBookedEventCarriesThePatientAsStoredWhenItWasBooked() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        sql("update patient set email = 'ana@example.org', consent_email = true, phone = '+351910000000', consent_sms = false, "
                + "preferred_language = 'pt' where id = $1", Tuple.of(patient));
        String appointment = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, ClinicFixture.freeSlots(doctor).get(0))
                .response().then().statusCode(201).extract().path("id");

        Row row = database.preparedQuery("select payload::text as payload from outbox_event where subject = $1")
                .execute(Tuple.of(appointment)).await().atMost(Duration.ofSeconds(5)).iterator().next();
        JsonObject data = new JsonObject(row.getString("payload")).getJsonObject("data");
        JsonObject person = data.getJsonObject("patient");
        assertThat(person.getString("id")).isEqualTo(patient.toString());
        assertThat(person.getString("firstName")).isEqualTo("Test");
        assertThat(person.getString("preferredLanguage")).isEqualTo("pt");
        assertThat(person.getJsonObject("contact").getMap()).containsOnlyKeys("email").containsEntry("email", "ana@example.org");
        assertThat(data.getJsonObject("doctor").getString("name")).isEqualTo("Dr. Ines Moreira");
        assertThat(data.getString("status")).isEqualTo("CONFIRMED");
        assertThat(data.getJsonObject("location").getString("name")).isNotBlank();
        assertThat(count("select count(*) from appointment_history where appointment_id = $1", UUID.fromString(appointment)))
                .isEqualTo(1);
    }

    private void sql(String statement, Tuple parameters) {
        database.preparedQuery(statement).execute(parameters).await().atMost(Duration.ofSeconds(5));
    }

    private long count(String query, UUID id) {
        return database.preparedQuery(query).execute(Tuple.of(id)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private long version(UUID doctor) {
        return count("select schedule_version from doctor where id = $1", doctor);
    }
}
