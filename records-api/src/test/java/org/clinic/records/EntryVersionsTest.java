package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.clinic.records.RecordsFixture.post;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** Nothing is overwritten or lost: amendments are versions, "delete" is entered-in-error; bad input is named. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class EntryVersionsTest {

    @Inject
    Pool database;

    @Test
    void anAmendmentIsANewVersionAndTheOldOneStaysReadable() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String asDoctor = TestTokens.forDoctor(doctor);
        String base = "/api/v1/patients/" + patient + "/prescriptions";
        String id = post(asDoctor, base, RecordsFixture.prescription("1 tablet")).statusCode(201).extract().path("id");
        String amended = RecordsFixture.prescription("2 tablets").replace("\"status\": \"ACTIVE\"",
                "\"status\": \"ACTIVE\", \"reason\": \"Dose raised after BP review\"");

        given().auth().oauth2(asDoctor).contentType("application/json").body(amended).put(base + "/" + id)
                .then().statusCode(428);
        given().auth().oauth2(asDoctor).contentType("application/json").body(RecordsFixture.prescription("2 tablets"))
                .header("If-Match", "\"1\"").put(base + "/" + id)
                .then().statusCode(400).body("errors.field", hasItem("reason"));
        given().auth().oauth2(asDoctor).contentType("application/json").body(amended).header("If-Match", "\"1\"")
                .put(base + "/" + id).then().statusCode(200)
                .header("ETag", "\"2\"").body("version", is(2)).body("content.lines[0].dose", is("2 tablets"));
        // Someone still holding version 1 cannot overwrite version 2.
        given().auth().oauth2(asDoctor).contentType("application/json").body(amended).header("If-Match", "\"1\"")
                .put(base + "/" + id).then().statusCode(412);

        given().auth().oauth2(TestTokens.forPatient(patient)).get(base + "/" + id + "/versions").then().statusCode(200)
                .body("version", contains(1, 2))
                .body("[0].content.lines[0].dose", is("1 tablet"))
                .body("[1].content.lines[0].dose", is("2 tablets"))
                .body("reason", contains(null, "Dose raised after BP review"))
                .body("changedByRole", contains("DOCTOR", "DOCTOR"));
    }

    @Test
    void enteredInErrorKeepsTheEntryWithItsReason() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String asDoctor = TestTokens.forDoctor(doctor);
        String base = "/api/v1/patients/" + patient + "/allergies";
        String id = post(asDoctor, base, RecordsFixture.allergy()).statusCode(201).extract().path("id");

        post(asDoctor, base + "/" + id + "/entered-in-error", "{}").statusCode(400).body("errors.field", hasItem("reason"));
        post(TestTokens.forPatient(patient), base + "/" + id + "/entered-in-error", "{\"reason\": \"not mine\"}").statusCode(403);
        post(asDoctor, base + "/" + id + "/entered-in-error", "{\"reason\": \"Recorded for the wrong patient\"}")
                .statusCode(200).body("status", is("ENTERED_IN_ERROR")).body("version", is(2))
                .body("content.substance", is("Penicillin"));

        given().auth().oauth2(asDoctor).get(base).then().statusCode(200).body("totalItems", is(0));
        given().auth().oauth2(asDoctor).get(base + "?includeEnteredInError=true").then().statusCode(200)
                .body("items[0].status", is("ENTERED_IN_ERROR"));
        given().auth().oauth2(asDoctor).get(base + "/" + id + "/versions").then().statusCode(200)
                .body("status", contains("ACTIVE", "ENTERED_IN_ERROR"))
                .body("reason[1]", is("Recorded for the wrong patient"));
        given().auth().oauth2(asDoctor).contentType("application/json")
                .body(RecordsFixture.allergy().replace("\"status\": \"ACTIVE\"", "\"status\": \"ACTIVE\", \"reason\": \"undo\""))
                .header("If-Match", "\"2\"").put(base + "/" + id).then().statusCode(409);
    }

    @Test
    void malformedCodesAndDosesAreNamed() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String asDoctor = TestTokens.forDoctor(doctor);
        String base = "/api/v1/patients/" + patient + "/";

        post(asDoctor, base + "diagnoses", RecordsFixture.diagnosis("hypertension")).statusCode(422)
                .contentType("application/problem+json")
                .body("code", is("INVALID_CODE")).body("errors[0].field", is("content.code"));
        post(asDoctor, base + "diagnoses", RecordsFixture.diagnosis("I10").replace("ICD-10", "ICD-9")).statusCode(422)
                .body("errors[0].field", is("content.codeSystem"));
        post(asDoctor, base + "prescriptions", RecordsFixture.prescription("a few")).statusCode(422)
                .body("code", is("INVALID_DOSE")).body("errors[0].field", is("content.lines[0].dose"));
        post(asDoctor, base + "prescriptions", RecordsFixture.prescription("1 tablet").replace("\"5 mg\"", "\"strong\""))
                .statusCode(422).body("errors[0].field", is("content.lines[0].strength"));
        post(asDoctor, base + "prescriptions", RecordsFixture.prescription("1 tablet").replace("\"durationDays\": 30", "\"durationDays\": 0"))
                .statusCode(400).body("errors[0].field", org.hamcrest.Matchers.containsString("durationDays"));
        post(asDoctor, base + "allergies", RecordsFixture.allergy().replace("SEVERE", "TERRIBLE")).statusCode(400);
        post(asDoctor, base + "diagnoses", RecordsFixture.diagnosis("I10").replace("ACTIVE", "CURED")).statusCode(400)
                .body("errors[0].field", is("status"));
        post(asDoctor, base + "diagnoses", "{\"status\": \"ACTIVE\"}").statusCode(400).body("errors[0].field", org.hamcrest.Matchers.endsWith("content"));
        post(asDoctor, base + "diagnoses", "not json").statusCode(400);
        given().auth().oauth2(asDoctor).get(base + "diagnoses/not-a-uuid").then().statusCode(400);
        // None of this left anything behind.
        given().auth().oauth2(asDoctor).get(base + "diagnoses").then().statusCode(200).body("totalItems", is(0));
    }

    @Test
    void theSummaryGathersWhatMattersNow() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        UUID visit = RecordsFixture.relate(database, doctor, patient);
        String asDoctor = TestTokens.forDoctor(doctor);
        String base = "/api/v1/patients/" + patient + "/";
        post(asDoctor, base + "diagnoses", RecordsFixture.diagnosis("I10")).statusCode(201);
        post(asDoctor, base + "diagnoses", RecordsFixture.diagnosis("J45.9").replace("ACTIVE", "RESOLVED")).statusCode(201);
        post(asDoctor, base + "allergies", RecordsFixture.allergy()).statusCode(201);
        post(asDoctor, base + "prescriptions", RecordsFixture.prescription("1 tablet")).statusCode(201);
        post(asDoctor, base + "history", RecordsFixture.history()).statusCode(201);
        post(asDoctor, base + "encounters", RecordsFixture.encounter(visit, "DRAFT")).statusCode(201);

        given().auth().oauth2(asDoctor).get(base + "record").then().statusCode(200)
                .body("activeProblems.content.code", contains("I10"))
                .body("allergies.content.substance", contains("Penicillin"))
                .body("currentMedications.content.lines[0].medicine", contains("Amlodipine"))
                .body("chronicConditions.content.description", contains("Type 2 diabetes"))
                .body("recentEncounters.size()", is(1));
        given().auth().oauth2(TestTokens.forPatient(patient)).get(base + "record").then().statusCode(200)
                .body("activeProblems.size()", is(1))
                .body("recentEncounters.size()", is(0)); // the draft note is the doctor's
    }
}
