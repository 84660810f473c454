package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Uploads are decided before their body is read, bounded in number, and leave no temporary file
 * behind (the test profile allows 2 uploads at once and keeps temporary files in target/report-uploads).
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class ReportUploadLimitsTest {

    private static final String BOUNDARY = "clinic-test-boundary";
    private static final byte[] PDF_START = "%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII);

    @Inject
    Pool database;

    @Test
    void aPatientsUploadToTheirOwnRecordIsRefusedBeforeItsBodyIsRead() throws Exception {
        UUID patient = RecordsFixture.patient(database);
        // Announces 150 kB but sends only the first kilobyte: the answer must not wait for the rest.
        try (Socket upload = startUpload(TestTokens.forPatient(patient), patient, 150_000, 1_000)) {
            upload.setSoTimeout(10_000);
            String status = new BufferedReader(new InputStreamReader(upload.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertThat(status).startsWith("HTTP/1.1 403");
        }
    }

    @Test
    void uploadsBeyondTheRoomAreToldToRetryAndAbortedOnesGiveItBackAndLeaveNoFiles() throws Exception {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String token = TestTokens.forDoctor(doctor);
        String reports = "/api/v1/patients/" + patient + "/reports";

        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                stalled.add(startUpload(token, patient, 150_000, 20_000));
            }
            // Both are admitted (their bodies are being written to temporary files), so a third waits for room.
            await().atMost(Duration.ofSeconds(10)).until(() -> temporaryFiles() >= 2);
            given().auth().oauth2(token).multiPart("file", "third.pdf", pdf(1_000), "application/pdf")
                    .multiPart("category", "BLOOD_TEST").post(reports)
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("code", is("TRY_AGAIN")).header("Retry-After", is("2"));
            // Access comes first: whoever may not write here is told so, full or not, and takes no room.
            given().auth().oauth2(TestTokens.forPatient(patient)).multiPart("file", "mine.pdf", pdf(1_000), "application/pdf")
                    .multiPart("category", "BLOOD_TEST").post(reports).then().statusCode(403);
        } finally {
            for (Socket socket : stalled) {
                socket.close(); // the clients go away mid-upload
            }
        }
        // Their room and their partial files are given back.
        await().atMost(Duration.ofSeconds(10)).until(() -> temporaryFiles() == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(token)
                .multiPart("file", "later.pdf", pdf(1_000), "application/pdf").multiPart("category", "BLOOD_TEST")
                .post(reports).statusCode() == 201);
        given().auth().oauth2(token).multiPart("file", "fake.pdf", "GIF89a-not-a-pdf".getBytes(), "application/pdf")
                .multiPart("category", "BLOOD_TEST").post(reports).then().statusCode(415);
        // Deleted as the request ends, a moment after the answer went out.
        await().atMost(Duration.ofSeconds(5)).until(() -> temporaryFiles() == 0);
        given().auth().oauth2(token).get(reports).then().statusCode(200).body("totalItems", is(1));
    }

    /** Sends the request line, headers and the first {@code sendBytes} of a multipart upload of a {@code fileBytes} PDF. */
    private static Socket startUpload(String token, UUID patient, int fileBytes, int sendBytes) throws IOException {
        byte[] body = multipart(pdf(fileBytes));
        String head = "POST /api/v1/patients/" + patient + "/reports HTTP/1.1\r\n"
                + "Host: localhost:" + RestAssured.port + "\r\n"
                + "Authorization: Bearer " + token + "\r\n"
                + "Content-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        Socket socket = new Socket("localhost", RestAssured.port);
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, Math.min(sendBytes, body.length));
        out.flush();
        return socket;
    }

    private static byte[] multipart(byte[] file) {
        String fields = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"category\"\r\n\r\nBLOOD_TEST\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n";
        String end = "\r\n--" + BOUNDARY + "--\r\n";
        byte[] head = fields.getBytes(StandardCharsets.US_ASCII);
        byte[] tail = end.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + file.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(file, 0, body, head.length, file.length);
        System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
        return body;
    }

    private static byte[] pdf(int size) {
        byte[] pdf = new byte[size];
        System.arraycopy(PDF_START, 0, pdf, 0, PDF_START.length);
        return pdf;
    }

    private static long temporaryFiles() throws IOException {
        Path uploads = Path.of(ConfigProvider.getConfig().getValue("quarkus.http.body.uploads-directory", String.class));
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(uploads)) {
            return files.count();
        }
    }
}
