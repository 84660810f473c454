package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * No N+1 queries on the list endpoints: the statements Hibernate runs for a list do not grow with
 * the number of rows listed (Hibernate statistics, on in the test profile).
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class ListQueriesTest {

    @Inject
    Mutiny.SessionFactory sessions;

    @Inject
    Pool database;

    @Test
    void theDoctorDirectoryTakesTheSameStatementsForTwoOrSixDoctors() {
        UUID specialization = ClinicFixture.specialization();
        addDoctors(specialization, 2);
        // With a name the directory skips its cache (DirectoryCache): this counts the database path.
        Supplier<Integer> list = () -> given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .queryParam("specialization", specialization).queryParam("name", "lopes").get("/api/v1/doctors")
                .then().statusCode(200).extract().path("items.size()");
        Work few = measure(list);
        addDoctors(specialization, 4);
        Work many = measure(list);

        assertThat(few.rows()).isEqualTo(2);
        assertThat(many.rows()).isEqualTo(6);
        assertThat(many.statements()).as("statements for 6 doctors vs 2").isEqualTo(few.statements());
        assertThat(few.statements()).as("page, count, specializations").isBetween(1L, 3L);
    }

    @Test
    void aPatientsAppointmentsTakeTheSameStatementsForOneOrFour() {
        UUID patient = ClinicFixture.patient(database);
        String token = TestTokens.forPatient(patient);
        UUID doctor = ClinicFixture.doctor(false, 0);
        List<String> slots = ClinicFixture.freeSlots(doctor);
        ClinicFixture.book(token, doctor, patient, slots.get(0)).response().then().statusCode(201);
        Supplier<Integer> mine = () -> given().auth().oauth2(token).get("/api/v1/appointments")
                .then().statusCode(200).extract().path("items.size()");
        Work one = measure(mine);
        UUID otherDoctor = ClinicFixture.doctor(false, 0);
        List<String> otherSlots = ClinicFixture.freeSlots(otherDoctor);
        for (int i = 1; i <= 3; i++) {
            // Another doctor's slots an hour apart from the first booking's: the patient is free then.
            ClinicFixture.book(token, i == 1 ? doctor : otherDoctor, patient, (i == 1 ? slots : otherSlots).get(2 * i + 4))
                    .response().then().statusCode(201);
        }
        Work four = measure(mine);

        assertThat(one.rows()).isEqualTo(1);
        assertThat(four.rows()).isEqualTo(4);
        assertThat(four.statements()).isEqualTo(one.statements());
        assertThat(one.statements()).isBetween(1L, 2L);
    }

    @Test
    void nextAvailableTakesTheSameStatementsForOneOrFiveDoctors() {
        UUID specialization = ClinicFixture.specialization();
        addDoctorsWithHours(specialization, 1);
        // Each call starts a day later: a new window, so every doctor misses the slot cache and the
        // statements counted are those of computing them all.
        java.util.concurrent.atomic.AtomicInteger day = new java.util.concurrent.atomic.AtomicInteger();
        Supplier<Integer> next = () -> given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .queryParam("specialization", specialization)
                .queryParam("from", OffsetDateTime.now().plusDays(1 + day.getAndIncrement()).toString()).queryParam("limit", 50)
                .get("/api/v1/slots").then().statusCode(200).extract().path("size()");
        Work one = measure(next);
        addDoctorsWithHours(specialization, 4);
        Work five = measure(next);

        assertThat(five.rows()).isGreaterThan(one.rows());
        assertThat(five.statements()).isEqualTo(one.statements());
        assertThat(one.statements()).as("doctors and their specializations, rules, overrides, appointments, time off")
                .isBetween(1L, 6L);
    }

    record Work(int rows, long statements) {
    }

    /** Runs a listing once to warm it up, then again counting what Hibernate executed. */
    private Work measure(Supplier<Integer> listing) {
        listing.get();
        Statistics statistics = sessions.getStatistics();
        long before = executed(statistics);
        int rows = listing.get();
        return new Work(rows, executed(statistics) - before);
    }

    /** Queries, plus every entity or collection fetched on its own (what an N+1 adds). */
    private static long executed(Statistics s) {
        return s.getQueryExecutionCount() + s.getEntityFetchCount() + s.getCollectionFetchCount();
    }

    static List<UUID> addDoctors(UUID specialization, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.fromString(given().auth().oauth2(ClinicFixture.admin()).contentType(ContentType.JSON)
                    .body(Map.of("firstName", "Rui", "lastName", "Lopes " + i, "licenseNumber", "L-" + UUID.randomUUID(),
                            "specializationIds", List.of(specialization), "defaultVisitMinutes", 30, "languages", List.of("pt")))
                    .post("/api/v1/doctors").then().statusCode(201).extract().path("id")));
        }
        return ids;
    }

    private static void addDoctorsWithHours(UUID specialization, int count) {
        UUID location = ClinicFixture.location();
        for (UUID doctor : addDoctors(specialization, count)) {
            given().auth().oauth2(ClinicFixture.admin()).contentType(ContentType.JSON)
                    .body(Map.of("dayOfWeek", OffsetDateTime.now().plusDays(2).getDayOfWeek().toString(),
                            "startTime", "08:00", "endTime", "12:00", "slotMinutes", 30, "locationId", location,
                            "validFrom", OffsetDateTime.now().toLocalDate().toString()))
                    .post("/api/v1/doctors/" + doctor + "/availability").then().statusCode(201);
        }
    }
}
