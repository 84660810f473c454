package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.clinic.records.RecordsFixture.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Every role against every kind of entry, allowed and refused; the care window; emergency access. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class RecordAccessTest {

    /** Each kind with a valid body. */
    private static final Map<String, String> BODIES = Map.of(
            "diagnoses", RecordsFixture.diagnosis("I10"),
            "prescriptions", RecordsFixture.prescription("1 tablet"),
            "allergies", RecordsFixture.allergy(),
            "history", RecordsFixture.history());

    @Inject
    Pool database;

    @Test
    void aDoctorInTheCareTeamWritesAndReadsEveryKindAndThePatientReadsThem() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        UUID visit = RecordsFixture.relate(database, doctor, patient);
        String asDoctor = TestTokens.forDoctor(doctor);
        String asPatient = TestTokens.forPatient(patient);
        String base = "/api/v1/patients/" + patient + "/";

        for (var kind : BODIES.entrySet()) {
            String id = post(asDoctor, base + kind.getKey(), kind.getValue()).statusCode(201)
                    .header("Location", containsString(base + kind.getKey() + "/"))
                    .header("ETag", "\"1\"")
                    .body("status", is("ACTIVE")).body("version", is(1)).body("authorId", is(doctor.toString()))
                    .extract().path("id");
            given().auth().oauth2(asDoctor).get(base + kind.getKey() + "/" + id).then().statusCode(200);
            given().auth().oauth2(asPatient).get(base + kind.getKey() + "/" + id).then().statusCode(200)
                    .body("id", is(id));
            given().auth().oauth2(asPatient).get(base + kind.getKey()).then().statusCode(200)
                    .body("totalItems", is(1));
            // Patients read their record; they do not write it.
            post(asPatient, base + kind.getKey(), kind.getValue()).statusCode(403);
        }
        String note = post(asDoctor, base + "encounters", RecordsFixture.encounter(visit, "FINAL")).statusCode(201)
                .body("content.chiefComplaint", is("Headaches in the morning")).extract().path("id");
        given().auth().oauth2(asPatient).get(base + "encounters/" + note).then().statusCode(200);
    }

    @Test
    void patientsDoNotSeeDraftNotes() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        UUID visit = RecordsFixture.relate(database, doctor, patient);
        String base = "/api/v1/patients/" + patient + "/encounters";
        String draft = post(TestTokens.forDoctor(doctor), base, RecordsFixture.encounter(visit, "DRAFT")).statusCode(201)
                .extract().path("id");

        given().auth().oauth2(TestTokens.forDoctor(doctor)).get(base).then().statusCode(200).body("totalItems", is(1));
        given().auth().oauth2(TestTokens.forPatient(patient)).get(base).then().statusCode(200).body("totalItems", is(0));
        given().auth().oauth2(TestTokens.forPatient(patient)).get(base + "/" + draft).then().statusCode(404);

        // Once final, the patient reads it, but not the draft versions before.
        given().auth().oauth2(TestTokens.forDoctor(doctor)).contentType("application/json").header("If-Match", "\"1\"")
                .body(RecordsFixture.encounter(visit, "FINAL").replace("\"status\": \"FINAL\"",
                        "\"status\": \"FINAL\", \"reason\": \"Signed\""))
                .put(base + "/" + draft).then().statusCode(200);
        given().auth().oauth2(TestTokens.forPatient(patient)).get(base + "/" + draft + "/versions").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.contains(2));
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get(base + "/" + draft + "/versions").then().statusCode(200)
                .body("version", org.hamcrest.Matchers.contains(1, 2));

        // A draft retracted as entered-in-error stays out of the patient's sight too.
        String retracted = post(TestTokens.forDoctor(doctor), base, RecordsFixture.encounter(visit, "DRAFT")).statusCode(201)
                .extract().path("id");
        post(TestTokens.forDoctor(doctor), base + "/" + retracted + "/entered-in-error", "{\"reason\": \"Wrong visit\"}")
                .statusCode(200);
        given().auth().oauth2(TestTokens.forPatient(patient)).get(base + "/" + retracted).then().statusCode(404);
        given().auth().oauth2(TestTokens.forPatient(patient)).get(base + "?includeEnteredInError=true").then().statusCode(200)
                .body("totalItems", is(1));
    }

    @Test
    void othersAreRefused() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String diagnoses = "/api/v1/patients/" + patient + "/diagnoses";
        String id = post(TestTokens.forDoctor(doctor), diagnoses, RecordsFixture.diagnosis("I10")).statusCode(201)
                .extract().path("id");

        for (String path : new String[] {diagnoses, diagnoses + "/" + id, "/api/v1/patients/" + patient + "/record"}) {
            // Another patient: as far as they know, there is nothing there.
            given().auth().oauth2(TestTokens.forPatient(UUID.randomUUID())).get(path).then().statusCode(404);
            // Staff and admins see no clinical content.
            given().auth().oauth2(TestTokens.withRoles("STAFF")).get(path).then().statusCode(403);
            given().auth().oauth2(TestTokens.withRoles("ADMIN")).get(path).then().statusCode(403)
                    .body("detail", containsString("do not see clinical content"));
            // A doctor outside the care team.
            given().auth().oauth2(TestTokens.forDoctor(UUID.randomUUID())).get(path).then().statusCode(403)
                    .body("code", is("NOT_IN_CARE_TEAM"));
        }
        post(TestTokens.withRoles("STAFF"), diagnoses, RecordsFixture.diagnosis("I10")).statusCode(403);
        post(TestTokens.forDoctor(UUID.randomUUID()), diagnoses, RecordsFixture.diagnosis("I10")).statusCode(403);
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + UUID.randomUUID() + "/diagnoses")
                .then().statusCode(404);
        given().get(diagnoses).then().statusCode(401);
    }

    @Test
    void theCareTeamLastsFromBookingUntilTheWindowAfterTheLastAppointment() {
        UUID patient = RecordsFixture.patient(database);
        UUID recent = UUID.randomUUID();
        UUID longAgo = UUID.randomUUID();
        UUID cancelled = UUID.randomUUID();
        Instant now = Instant.now();
        // Window in tests: 180 days (the default).
        RecordsFixture.appointment(database, recent, patient, now.minus(Duration.ofDays(170)), "completed", "COMPLETED", now);
        RecordsFixture.appointment(database, longAgo, patient, now.minus(Duration.ofDays(190)), "completed", "COMPLETED", now);
        RecordsFixture.appointment(database, cancelled, patient, now.plus(Duration.ofDays(3)), "cancelled", "CANCELLED", now);
        String path = "/api/v1/patients/" + patient + "/allergies";

        given().auth().oauth2(TestTokens.forDoctor(recent)).get(path).then().statusCode(200);
        given().auth().oauth2(TestTokens.forDoctor(longAgo)).get(path).then().statusCode(403).body("code", is("NOT_IN_CARE_TEAM"));
        given().auth().oauth2(TestTokens.forDoctor(cancelled)).get(path).then().statusCode(403);

        // A new booking with the doctor seen long ago brings them back into the care team.
        RecordsFixture.relate(database, longAgo, patient);
        given().auth().oauth2(TestTokens.forDoctor(longAgo)).get(path).then().statusCode(200);
    }

    @Test
    void encountersAreWrittenByTheDoctorOfTheirAppointment() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        UUID colleague = UUID.randomUUID();
        UUID visit = RecordsFixture.relate(database, doctor, patient);
        RecordsFixture.relate(database, colleague, patient);
        String base = "/api/v1/patients/" + patient + "/encounters";

        post(TestTokens.forDoctor(colleague), base, RecordsFixture.encounter(visit, "FINAL")).statusCode(403);
        post(TestTokens.forDoctor(doctor), base, RecordsFixture.encounter(UUID.randomUUID(), "FINAL")).statusCode(404);
        post(TestTokens.forDoctor(doctor), base, RecordsFixture.encounter(visit, "FINAL").replace("\"appointmentId\": \"" + visit + "\", ", ""))
                .statusCode(400).body("errors.field", hasItem("appointmentId"));
        // Another patient's appointment is not this patient's.
        UUID other = RecordsFixture.patient(database);
        UUID otherVisit = RecordsFixture.relate(database, doctor, other);
        post(TestTokens.forDoctor(doctor), base, RecordsFixture.encounter(otherVisit, "FINAL")).statusCode(404);
        String note = post(TestTokens.forDoctor(doctor), base, RecordsFixture.encounter(visit, "FINAL")).statusCode(201)
                .extract().path("id");
        // Nor may a colleague retract it.
        post(TestTokens.forDoctor(colleague), base + "/" + note + "/entered-in-error", "{\"reason\": \"not needed\"}")
                .statusCode(403);
    }

    @Test
    void aDeactivatedDoctorLosesAccess() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = RecordsFixture.doctor(database, "Dr. Ines Moreira", "OM-1");
        RecordsFixture.relate(database, doctor, patient);
        String path = "/api/v1/patients/" + patient + "/allergies";
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get(path).then().statusCode(200);

        RecordsFixture.deactivateDoctor(database, doctor);
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get(path).then().statusCode(403);
        post(TestTokens.forDoctor(doctor), "/api/v1/patients/" + patient + "/emergency-access",
                "{\"reason\": \"Unconscious in the emergency room\"}").statusCode(403);
        // A later appointment event does not bring the profile back.
        RecordsFixture.relate(database, doctor, patient);
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get(path).then().statusCode(403);
    }

    @Test
    void anEmergencyAccessOpensTheRecordForAShortTimeAndIsAudited() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        post(TestTokens.forDoctor(doctor), "/api/v1/patients/" + patient + "/allergies", RecordsFixture.allergy()).statusCode(201);
        UUID emergency = UUID.randomUUID();
        String asEmergency = TestTokens.forDoctor(emergency);
        String record = "/api/v1/patients/" + patient + "/record";

        given().auth().oauth2(asEmergency).get(record).then().statusCode(403);
        post(asEmergency, "/api/v1/patients/" + patient + "/emergency-access", "{\"reason\": \"short\"}").statusCode(400);
        post(TestTokens.withRoles("STAFF"), "/api/v1/patients/" + patient + "/emergency-access",
                "{\"reason\": \"Unconscious in the emergency room\"}").statusCode(403);
        post(asEmergency, "/api/v1/patients/" + UUID.randomUUID() + "/emergency-access",
                "{\"reason\": \"Unconscious in the emergency room\"}").statusCode(404);
        post(asEmergency, "/api/v1/patients/" + patient + "/emergency-access",
                "{\"reason\": \"Unconscious in the emergency room\"}").statusCode(201)
                .body("expiresAt", not(is((Object) null)));

        given().auth().oauth2(asEmergency).get(record).then().statusCode(200)
                .body("allergies[0].content.substance", is("Penicillin"));
        given().auth().oauth2(TestTokens.forPatient(patient)).get("/api/v1/patients/" + patient + "/access-log").then()
                .statusCode(200)
                .body("items.find { it.actorId == '" + emergency + "' && it.action == 'READ_SUMMARY' }.emergencyReason",
                        is("Unconscious in the emergency room"))
                .body("items.find { it.action == 'EMERGENCY_ACCESS' }.actorId", is(emergency.toString()));
        // It ends: once expired, the doctor is outside again.
        database.preparedQuery("update emergency_access set expires_at = now() - interval '1 second' where doctor_id = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(emergency)).await().atMost(Duration.ofSeconds(5));
        given().auth().oauth2(asEmergency).get(record).then().statusCode(403).body("code", is("NOT_IN_CARE_TEAM"));
        // The patient is told through an event (records.access.emergency), written with the access.
        org.assertj.core.api.Assertions.assertThat(RecordsFixture.count(database,
                "select count(*) from outbox_event where event_type = 'clinic.records.access.emergency.v1' "
                        + "and payload -> 'data' ->> 'patientId' = $1", patient.toString())).isEqualTo(1);
    }
}
