package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class RescheduleTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    Pool database;

    private static int reschedule(String token, String id, String start) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("start", start))
                .put("/api/v1/appointments/" + id).then().extract().statusCode();
    }

    @Test
    void reschedulingTakesTheNewTimeAndReleasesTheOld() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        List<String> free = ClinicFixture.freeSlots(doctor);
        String token = TestTokens.forPatient(patient);
        String id = ClinicFixture.book(token, doctor, patient, free.get(0)).path("id");

        // Half an hour later overlaps nothing but its own old time: allowed.
        assertThat(reschedule(token, id, free.get(1))).isEqualTo(200);
        List<String> after = ClinicFixture.freeSlots(doctor);
        assertThat(after).contains(free.get(0)).doesNotContain(free.get(1));
        given().auth().oauth2(token).get("/api/v1/appointments/" + id + "/history")
                .then().body("size()", equalTo(2)).body("[1].reason", org.hamcrest.Matchers.startsWith("rescheduled from "));
    }

    @Test
    void twoReschedulesRacingOntoOneSlotLetOneWinAndLeaveTheOtherUntouched() throws Exception {
        UUID doctor = ClinicFixture.doctor(false, 0);
        List<String> free = ClinicFixture.freeSlots(doctor);
        String staff = TestTokens.withRoles("STAFF");
        String first = ClinicFixture.book(staff, doctor, ClinicFixture.patient(database), free.get(0)).path("id");
        String second = ClinicFixture.book(staff, doctor, ClinicFixture.patient(database), free.get(2)).path("id");
        String target = free.get(4);

        List<CompletableFuture<Integer>> racing = new ArrayList<>();
        for (String id : List.of(first, second)) {
            racing.add(CompletableFuture.supplyAsync(() -> reschedule(staff, id, target)));
        }
        List<Integer> statuses = racing.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(statuses).containsExactly(200, 409);

        List<String> starts = List.of(first, second).stream()
                .map(id -> given().auth().oauth2(staff).get("/api/v1/appointments/" + id).then().extract().<String>path("start"))
                .toList();
        // The loser kept its original time.
        assertThat(starts).containsAnyOf(free.get(0), free.get(2));
        assertThat(ClinicFixture.freeSlots(doctor)).doesNotContain(target);
    }

    /**
     * Forces the deadlock two racing reschedules can meet: another transaction holds the target time
     * (uncommitted), the reschedule's exclusion check waits for it, and that transaction then waits
     * for the row the reschedule changed. PostgreSQL aborts one of the two; when it aborts the
     * reschedule, the service must run it again (200 once the other rolls back), not answer 500/503.
     */
    @Test
    void aRescheduleAbortedByADeadlockIsRunAgain() {
        for (int round = 1; ; round++) {
            UUID doctor = ClinicFixture.doctor(false, 0);
            List<String> free = ClinicFixture.freeSlots(doctor);
            String staff = TestTokens.withRoles("STAFF");
            UUID holder = UUID.fromString(ClinicFixture.book(staff, doctor, ClinicFixture.patient(database), free.get(0)).path("id"));
            String moving = ClinicFixture.book(staff, doctor, ClinicFixture.patient(database), free.get(2)).path("id");
            String target = free.get(4);

            SqlConnection other = database.getConnection().await().atMost(WAIT);
            CompletableFuture<Integer> rescheduled;
            boolean rescheduleWasTheVictim;
            // The connection goes back to the application's pool: the transaction must end whatever happens.
            Transaction otherTransaction = null;
            try {
                int otherPid = other.query("select pg_backend_pid()").execute().await().atMost(WAIT).iterator().next().getInteger(0);
                otherTransaction = other.begin().await().atMost(WAIT);
                other.preparedQuery("update appointment set starts_at = $2::timestamptz, ends_at = $2::timestamptz + (ends_at - starts_at), "
                                + "blocked_until = $2::timestamptz + (blocked_until - starts_at) where id = $1")
                        .execute(Tuple.of(holder, OffsetDateTime.parse(target))).await().atMost(WAIT);
                rescheduled = CompletableFuture.supplyAsync(() -> reschedule(staff, moving, target));
                awaitSomeoneWaitingForALockBesides(otherPid);
                try {
                    other.preparedQuery("update appointment set updated_at = updated_at where id = $1")
                            .execute(Tuple.of(UUID.fromString(moving))).await().atMost(WAIT);
                    rescheduleWasTheVictim = true;
                } catch (RuntimeException otherWasTheVictim) {
                    // PostgreSQL picked this side (the reschedule's check ran late): nothing proven, go again.
                    assertThat(otherWasTheVictim).hasMessageContaining("deadlock");
                    rescheduleWasTheVictim = false;
                }
            } finally {
                if (otherTransaction != null) {
                    otherTransaction.rollback().await().atMost(WAIT);
                }
                other.close().await().atMost(WAIT);
            }
            assertThat(rescheduled.join()).isEqualTo(200);
            assertThat(given().auth().oauth2(staff).get("/api/v1/appointments/" + moving).then().extract().<String>path("start"))
                    .isEqualTo(target);
            if (rescheduleWasTheVictim) {
                assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                        .containsPattern("clinic_transactions_aborted_total(\\{[^}]*})? [1-9]");
                return;
            }
            assertThat(round).as("rounds in which PostgreSQL aborted the other side instead").isLessThan(3);
        }
    }

    private void awaitSomeoneWaitingForALockBesides(int pid) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (database.preparedQuery("select count(*) from pg_locks where not granted and pid <> $1")
                .execute(Tuple.of(pid)).await().atMost(WAIT).iterator().next().getLong(0) == 0) {
            assertThat(System.nanoTime()).as("the reschedule waiting for the other transaction").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void anAppointmentEnteredInErrorFreesItsTimeAndStaysReadable() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        String slot = ClinicFixture.freeSlots(doctor).get(0);
        String id = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, slot).path("id");

        given().auth().oauth2(TestTokens.forPatient(patient)).delete("/api/v1/appointments/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.withRoles("STAFF")).delete("/api/v1/appointments/" + id)
                .then().statusCode(200).body("status", equalTo("ENTERED_IN_ERROR"));
        assertThat(ClinicFixture.freeSlots(doctor)).contains(slot);
        given().auth().oauth2(TestTokens.forPatient(patient)).get("/api/v1/appointments/" + id)
                .then().statusCode(200).body("fhirStatus", equalTo("entered-in-error"));
    }

    @Test
    void eachRoleListsOnlyWhatItMaySee() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        UUID other = ClinicFixture.patient(database);
        List<String> free = ClinicFixture.freeSlots(doctor);
        ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, free.get(0));
        ClinicFixture.book(TestTokens.forPatient(other), doctor, other, free.get(2));

        given().auth().oauth2(TestTokens.forPatient(patient)).get("/api/v1/appointments")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].patientId", equalTo(patient.toString()));
        // A patient filtering on someone else still only gets their own (none match both).
        given().auth().oauth2(TestTokens.forPatient(patient)).queryParam("patient", other).get("/api/v1/appointments")
                .then().statusCode(200).body("totalItems", equalTo(0));
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/appointments")
                .then().statusCode(200).body("totalItems", equalTo(2));
        given().auth().oauth2(TestTokens.withRoles("STAFF")).queryParam("doctor", doctor).queryParam("status", "CONFIRMED")
                .get("/api/v1/appointments").then().statusCode(200).body("totalItems", equalTo(2));
        given().auth().oauth2(TestTokens.withRoles("STAFF")).queryParam("status", "SOMETHING")
                .get("/api/v1/appointments").then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("status"));
        given().auth().oauth2(TestTokens.withRoles("STAFF")).get("/api/v1/appointments/not-a-uuid")
                .then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("id"));
    }
}
