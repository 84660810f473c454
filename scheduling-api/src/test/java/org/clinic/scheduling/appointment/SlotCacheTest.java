package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/**
 * The slot search is served from Redis, and a change that commits is seen by the very next search:
 * no booked or blocked slot is ever shown as free once the change is confirmed.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class SlotCacheTest {

    @Inject
    Pool database;

    @Test
    void aBookedSlotIsGoneFromTheNextSearch() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        OffsetDateTime from = OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.HOURS);
        List<String> first = search(doctor, from);
        assertThat(first).hasSizeGreaterThan(2);

        double hits = cacheHits();
        assertThat(search(doctor, from)).isEqualTo(first);
        assertThat(cacheHits()).as("the second search came from the cache").isGreaterThan(hits);

        ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient, first.get(0)).response().then().statusCode(201);
        List<String> after = search(doctor, from);
        assertThat(after).doesNotContain(first.get(0)).containsAll(first.subList(1, first.size()));

        // Cancelling gives the time back at once.
        String appointment = given().auth().oauth2(TestTokens.forPatient(patient))
                .get("/api/v1/appointments").then().statusCode(200).extract().path("items[0].id");
        ClinicFixture.move(TestTokens.forPatient(patient), appointment, "CANCELLED");
        assertThat(search(doctor, from)).contains(first.get(0));
    }

    @Test
    void timeOffIsSeenByTheNextSearch() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        OffsetDateTime from = OffsetDateTime.now().plusDays(3).truncatedTo(ChronoUnit.HOURS);
        List<String> before = search(doctor, from);
        assertThat(search(doctor, from)).isEqualTo(before);

        OffsetDateTime offStart = OffsetDateTime.parse(before.get(0));
        given().auth().oauth2(ClinicFixture.admin()).contentType(ContentType.JSON)
                .body(Map.of("start", offStart.toString(), "end", offStart.plusHours(1).toString(), "reason", "training"))
                .post("/api/v1/doctors/" + doctor + "/time-off").then().statusCode(201);
        assertThat(search(doctor, from)).doesNotContain(before.get(0)).isNotEqualTo(before);
    }

    @Test
    void aDeactivatedDoctorOrALongerNoticeIsSeenByTheNextSearch() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        OffsetDateTime from = OffsetDateTime.now().plusDays(1).truncatedTo(ChronoUnit.HOURS);
        List<String> before = search(doctor, from);
        double hits = cacheHits();
        assertThat(search(doctor, from)).isEqualTo(before);
        assertThat(cacheHits()).isGreaterThan(hits);

        // A notice of three days hides every slot of a search starting tomorrow and lasting one day.
        var profile = given().auth().oauth2(ClinicFixture.admin()).get("/api/v1/doctors/" + doctor).then().statusCode(200).extract();
        Map<String, Object> body = new java.util.HashMap<>(profile.jsonPath().getMap("$"));
        body.remove("id");
        body.remove("availability");
        body.put("minNoticeMinutes", 3 * 24 * 60);
        given().auth().oauth2(ClinicFixture.admin()).contentType(ContentType.JSON).header("If-Match", profile.header("ETag"))
                .body(body).put("/api/v1/doctors/" + doctor).then().statusCode(200);
        assertThat(search(doctor, from)).isEmpty();

        given().auth().oauth2(ClinicFixture.admin()).delete("/api/v1/doctors/" + doctor).then().statusCode(204);
        given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .queryParam("from", from.toString()).queryParam("to", from.plusDays(1).toString())
                .get("/api/v1/appointments/doctor/" + doctor + "/available-slots").then().statusCode(404);
    }

    private static List<String> search(UUID doctor, OffsetDateTime from) {
        return given().auth().oauth2(TestTokens.withRoles("PATIENT"))
                .queryParam("from", from.toString()).queryParam("to", from.plusDays(1).toString())
                .get("/api/v1/appointments/doctor/" + doctor + "/available-slots")
                .then().statusCode(200).extract().jsonPath().getList("start");
    }

    private static double cacheHits() {
        return cacheHits("slot");
    }

    /** Hits so far of cache {@code name} (meter clinic.<name>.cache). */
    static double cacheHits(String name) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("clinic_" + name + "_cache_total\\{[^}]*result=\"hit\"[^}]*} ([0-9.E+]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
