package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A report's file comes back byte for byte, whatever bytes it holds. Nothing is injected, so the
 * packaged jar runs the same test ({@link ReportBytesPackagedIT}).
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class ReportBytesTest {

    @Test
    void aReportHoldingEveryByteValueDownloadsIdenticalWithItsHashAsStrongEtag() throws Exception {
        UUID patient = RecordsFixture.patient(database());
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database(), doctor, patient);
        byte[] pdf = pdfWithEveryByteValue();
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
        String reports = "/api/v1/patients/" + patient + "/reports";

        String id = given().auth().oauth2(TestTokens.forDoctor(doctor))
                .multiPart("file", "every-byte.pdf", pdf, "application/pdf")
                .multiPart("category", "PATHOLOGY")
                .post(reports).then().statusCode(201)
                .body("sha256", is(sha256)).body("sizeBytes", is(pdf.length))
                .extract().path("id");

        Response download = given().auth().oauth2(TestTokens.forPatient(patient)).get(reports + "/" + id + "/file");
        download.then().statusCode(200).contentType("application/pdf")
                .header("ETag", is("\"" + sha256 + "\""))
                .header("Content-Length", is(String.valueOf(pdf.length)));
        byte[] back = download.asByteArray();
        assertThat(back).hasSize(pdf.length);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(back))).isEqualTo(sha256);
        assertThat(back).isEqualTo(pdf);

        // A client holding this version gets 304 and no body; another version's tag gets the file.
        given().auth().oauth2(TestTokens.forPatient(patient)).header("If-None-Match", "\"" + sha256 + "\"")
                .get(reports + "/" + id + "/file").then().statusCode(304).header("ETag", is("\"" + sha256 + "\""));
        byte[] again = given().auth().oauth2(TestTokens.forPatient(patient)).header("If-None-Match", "\"0000\"")
                .get(reports + "/" + id + "/file").then().statusCode(200).extract().asByteArray();
        assertThat(again).isEqualTo(pdf);
    }

    /** A PDF header, the binary-comment line real PDFs carry, every byte value 0..255 eight times, a trailer. */
    static byte[] pdfWithEveryByteValue() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("%PDF-1.7\n%".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'});
        for (int round = 0; round < 8; round++) {
            for (int b = 0; b < 256; b++) {
                out.write(b);
            }
        }
        out.writeBytes("\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /**
     * Its own connection to the service's database (the packaged jar's test cannot inject one), for
     * {@link RecordsFixture}, which sends scheduling events and waits until they are processed.
     */
    static Pool database() {
        if (database == null) {
            Config config = ConfigProvider.getConfig();
            PgConnectOptions options = PgConnectOptions.fromUri(config.getValue("quarkus.datasource.reactive.url", String.class))
                    .setUser(config.getValue("quarkus.datasource.username", String.class))
                    .setPassword(config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
            database = PgPool.pool(Vertx.vertx(), options, new PoolOptions().setMaxSize(2));
        }
        return database;
    }

    private static Pool database;
}
