package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.clinic.records.report.DownloadPermits;
import org.junit.jupiter.api.Test;

/** Downloads hold their file in memory until the client has it: bounded like uploads (issue 15). */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class ReportDownloadLimitsTest {

    @Inject
    Pool database;

    @Inject
    DownloadPermits downloads;

    @Test
    void aDownloadFindingNoRoomIsAskedToComeBackAndTheRoomReturnsAfterEachDownload() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String reports = "/api/v1/patients/" + patient + "/reports";
        String id = given().auth().oauth2(TestTokens.forDoctor(doctor))
                .multiPart("file", "every-byte.pdf", ReportBytesTest.pdfWithEveryByteValue(), "application/pdf")
                .multiPart("category", "PATHOLOGY")
                .post(reports).then().statusCode(201).extract().path("id");

        // Every byte of room taken, as a flood of slow readers would.
        assertThat(downloads.tryTake(downloads.maxBytes())).isTrue();
        try {
            Response busy = given().auth().oauth2(TestTokens.forPatient(patient)).get(reports + "/" + id + "/file");
            assertThat(busy.statusCode()).isEqualTo(503);
            assertThat(busy.<String>path("code")).isEqualTo("TRY_AGAIN");
            assertThat(busy.header("Retry-After")).isNotBlank();
        } finally {
            downloads.giveBack(downloads.maxBytes());
        }
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(TestTokens.forPatient(patient)).get(reports + "/" + id + "/file").then().statusCode(200);
        }
        // Given back when each response ended (just after the client had its last byte).
        await().atMost(Duration.ofSeconds(5)).until(() -> downloads.inProgress() == 0);
    }
}
