package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clinic.records.RecordsFixture.post;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * What protects the data beyond the API's checks, seen with plain SQL on the service's own
 * connection: ciphertext at rest, row-level security without the patient scope, an append-only
 * audit; and the projection staying right under duplicated and reordered events.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class ProtectionAtRestTest {

    @Inject
    Pool database;

    @Test
    void clinicalTextIsCiphertextInTheTableAndPlaintextThroughTheApi() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String id = post(TestTokens.forDoctor(doctor), "/api/v1/patients/" + patient + "/diagnoses",
                RecordsFixture.diagnosis("I10")).statusCode(201).extract().path("id");

        Row row = inScope(patient, "select content, status from clinical_entry where id = $1", UUID.fromString(id));
        assertThat(row.getString("content")).startsWith("gcm1:test-1:")
                .doesNotContain("hypertension").doesNotContain("I10");
        Row version = inScope(patient, "select content from clinical_entry_version where entry_id = $1", UUID.fromString(id));
        assertThat(version.getString("content")).startsWith("gcm1:test-1:").doesNotContain("hypertension");
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient + "/diagnoses/" + id)
                .then().statusCode(200).body("content.text", is("Essential hypertension"));
    }

    @Test
    void aQueryWithoutThePatientScopeSeesNoClinicalRows() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        post(TestTokens.forDoctor(doctor), "/api/v1/patients/" + patient + "/allergies", RecordsFixture.allergy()).statusCode(201);

        // The same role the service runs as, a query that forgets every filter: nothing.
        assertThat(count("select count(*) from clinical_entry")).isZero();
        assertThat(count("select count(*) from clinical_entry_version")).isZero();
        // Scoped to another patient: still nothing of this one.
        assertThat(inScope(UUID.randomUUID(), "select count(*) from clinical_entry where patient_id = $1", patient).getLong(0)).isZero();
        assertThat(inScope(patient, "select count(*) from clinical_entry where patient_id = $1", patient).getLong(0)).isEqualTo(1);
        // Nor can a row for another patient be written under a scope.
        assertThatThrownBy(() -> database.withTransaction(connection -> connection
                        .preparedQuery("select set_config('clinic.patient_id', $1, true)").execute(Tuple.of(UUID.randomUUID().toString()))
                        .chain(() -> connection.preparedQuery("insert into clinical_entry (id, patient_id, kind, author_id, status, "
                                        + "version, content, recorded_at, created_at, updated_at) "
                                        + "values ($1, $2, 'ALLERGY', $1, 'ACTIVE', 1, 'x', now(), now(), now())")
                                .execute(Tuple.of(UUID.randomUUID(), patient))))
                .await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("row-level security");
    }

    @Test
    void theAuditIsAppendOnlyAndShowsReads() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String id = post(TestTokens.forDoctor(doctor), "/api/v1/patients/" + patient + "/history", RecordsFixture.history())
                .statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient + "/history/" + id)
                .then().statusCode(200);

        given().auth().oauth2(TestTokens.forPatient(patient)).get("/api/v1/patients/" + patient + "/access-log").then()
                .statusCode(200)
                .body("items.action", org.hamcrest.Matchers.contains("READ", "CREATE"))
                .body("items[0].actorId", is(doctor.toString()))
                .body("items[0].actorName", is("Dr. Ines Moreira"))
                .body("items[0].entryId", is(id));
        given().auth().oauth2(TestTokens.forPatient(UUID.randomUUID())).get("/api/v1/patients/" + patient + "/access-log")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient + "/access-log")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("ADMIN")).get("/api/v1/admin/audit?patientId=" + patient + "&action=CREATE")
                .then().statusCode(200).body("totalItems", is(1)).body("items[0].entryKind", is("HISTORY"));

        assertThatThrownBy(() -> database.preparedQuery("update access_audit set action = 'NOTHING' where patient_id = $1")
                .execute(Tuple.of(patient)).await().atMost(Duration.ofSeconds(5))).hasMessageContaining("append-only");
        assertThatThrownBy(() -> database.preparedQuery("delete from access_audit where patient_id = $1")
                .execute(Tuple.of(patient)).await().atMost(Duration.ofSeconds(5))).hasMessageContaining("append-only");
    }

    @Test
    void duplicateAndReorderedEventsLeaveTheProjectionRight() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        UUID appointment = UUID.randomUUID();
        Instant start = Instant.now().plus(Duration.ofDays(2));
        Instant t0 = Instant.now();
        var booked = RecordsFixture.appointmentEvent(appointment, doctor, patient, start, "booked", "CONFIRMED", t0);
        var cancelled = RecordsFixture.appointmentEvent(appointment, doctor, patient, start, "cancelled", "CANCELLED",
                t0.plusSeconds(20));
        var confirmedLate = RecordsFixture.appointmentEvent(appointment, doctor, patient, start, "confirmed", "CONFIRMED",
                t0.plusSeconds(10));

        RecordsFixture.publishAndWait(database, booked.deepCopy());
        RecordsFixture.publishAndWait(database, cancelled.deepCopy());
        RecordsFixture.publishAndWait(database, confirmedLate); // overtaken: changes nothing
        RecordsFixture.publishAndWait(database, booked.deepCopy()); // replayed: changes nothing

        assertThat(RecordsFixture.count(database, "select count(*) from care_appointment where appointment_id = $1 "
                + "and status = 'CANCELLED'", appointment)).isEqualTo(1);
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient + "/allergies")
                .then().statusCode(403);
    }

    @Test
    void aRedeliveredAppointmentEventChangesNothingEvenWhereItsRowIsGone() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        UUID appointment = UUID.randomUUID();
        var booked = RecordsFixture.appointmentEvent(appointment, doctor, patient, Instant.now().plus(Duration.ofDays(1)),
                "booked", "CONFIRMED", Instant.now());
        booked.with("data").with("doctor").put("name", "Dr. Once");
        booked.put("id", UUID.randomUUID().toString());
        org.clinic.common.testing.TestEventSigner.sign(booked);

        postInternally(booked.toString());
        assertThat(RecordsFixture.count(database, "select count(*) from care_appointment where appointment_id = $1",
                appointment)).isEqualTo(1);
        assertThat(RecordsFixture.count(database, "select count(*) from doctor_directory where doctor_id = $1 "
                + "and name = 'Dr. Once'", doctor)).isEqualTo(1);
        // Only the inbox row can now tell that this event was applied: the projection row is gone.
        database.preparedQuery("delete from care_appointment where appointment_id = $1").execute(Tuple.of(appointment))
                .await().atMost(Duration.ofSeconds(5));
        postInternally(booked.toString());
        assertThat(RecordsFixture.count(database, "select count(*) from care_appointment where appointment_id = $1",
                appointment)).isZero();
    }

    private static void postInternally(String event) {
        given().header("X-Internal-Token", "test-internal-token").contentType("application/cloudevents+json")
                .body(event).post("/api/v1/events").then().statusCode(202);
    }

    @Test
    void scheduleEventsAlsoArriveOverHttpOnceEach() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        UUID appointment = UUID.randomUUID();
        var booked = RecordsFixture.appointmentEvent(appointment, doctor, patient, Instant.now().plus(Duration.ofDays(1)),
                "booked", "CONFIRMED", Instant.now());
        booked.put("id", UUID.randomUUID().toString());
        org.clinic.common.testing.TestEventSigner.sign(booked);

        given().contentType("application/cloudevents+json").body(booked.toString()).post("/api/v1/events")
                .then().statusCode(401);
        postInternally(booked.toString());
        postInternally(booked.toString());
        assertThat(RecordsFixture.count(database, "select count(*) from processed_event where event_id = $1",
                booked.get("id").asText())).isEqualTo(1);
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient + "/allergies")
                .then().statusCode(200);
        given().header("X-Internal-Token", "test-internal-token").contentType("application/cloudevents+json")
                .body("{\"specversion\": \"1.0\"}").post("/api/v1/events").then().statusCode(400);
    }

    private long count(String sql) {
        return database.query(sql).execute().await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    /** Runs one query in a transaction scoped to {@code patient}, as the service does. */
    private Row inScope(UUID patient, String sql, Object parameter) {
        return database.withTransaction(connection -> connection
                        .preparedQuery("select set_config('clinic.patient_id', $1, true)").execute(Tuple.of(patient.toString()))
                        .chain(() -> connection.preparedQuery(sql).execute(Tuple.of(parameter))))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
    }
}
