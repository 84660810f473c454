package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class IdempotentBookingTest {

    @Inject
    Pool database;

    private static ExtractableResponse<Response> book(String token, String key, Map<String, Object> body) {
        return given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/v1/appointments").then().extract();
    }

    @Test
    void aRetriedBookingReturnsTheFirstResponseAndBooksOnce() {
        UUID doctor = ClinicFixture.doctor(false, 0);
        UUID patient = ClinicFixture.patient(database);
        List<String> free = ClinicFixture.freeSlots(doctor);
        String token = TestTokens.forPatient(patient);
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("doctorId", doctor, "patientId", patient, "start", free.get(0));

        ExtractableResponse<Response> first = book(token, key, body);
        ExtractableResponse<Response> retry = book(token, key, body);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.<String>path("id")).isEqualTo(first.path("id"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        // The same answer to the character: start and end keep the appointment's offset, as GET shows them.
        assertThat(retry.asString()).isEqualTo(first.asString());
        String id = first.path("id");
        String shown = given().auth().oauth2(token).get("/api/v1/appointments/" + id).then().statusCode(200)
                .extract().path("start");
        assertThat(first.<String>path("start")).isEqualTo(shown);

        long rows = database.preparedQuery("select count(*) from appointment where patient_id = $1")
                .execute(Tuple.of(patient)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
        assertThat(rows).isEqualTo(1);

        ExtractableResponse<Response> reused = book(token, key,
                Map.of("doctorId", doctor, "patientId", patient, "start", free.get(2)));
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.<String>path("code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }
}
