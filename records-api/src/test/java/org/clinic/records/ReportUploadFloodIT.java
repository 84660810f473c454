package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's flood against the packaged jar with the deployed heap (records-api's pom gives it
 * the Knative manifests' heap options, 10 MB reports and the production upload limits): 40
 * parallel 10 MB uploads as the patient, then as their doctor. It used to end the process.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(JwtTestKeys.class)
class ReportUploadFloodIT {

    private static final int PARALLEL = 40;

    @Test
    void fortyParallelTenMegabyteUploadsLeaveTheServiceUpAndNoTemporaryFile() throws Exception {
        UUID patient = RecordsFixture.patient(ReportBytesTest.database());
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(ReportBytesTest.database(), doctor, patient);
        File report = tenMegabytePdf();

        Map<Integer, Integer> asPatient = flood(TestTokens.forPatient(patient), patient, report);
        assertThat(asPatient).containsOnlyKeys(403);
        Map<Integer, Integer> asDoctor = flood(TestTokens.forDoctor(doctor), patient, report);
        assertThat(asDoctor).containsKey(201);
        assertThat(asDoctor.keySet()).isSubsetOf(201, 503);

        given().get("/q/health/live").then().statusCode(200);
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient + "/reports")
                .then().statusCode(200).body("totalItems", org.hamcrest.Matchers.is(asDoctor.get(201)));
        await().atMost(Duration.ofSeconds(10)).until(() -> temporaryFiles() == 0);
    }

    /** Status code -> how many of the parallel uploads got it. */
    private static Map<Integer, Integer> flood(String token, UUID patient, File report) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < PARALLEL; i++) {
                answers.add(clients.submit(() -> given().auth().oauth2(token)
                        .multiPart("file", report, "application/pdf").multiPart("category", "BLOOD_TEST")
                        .post("/api/v1/patients/" + patient + "/reports").statusCode()));
            }
            Map<Integer, Integer> counts = new TreeMap<>();
            for (Future<Integer> answer : answers) {
                counts.merge(answer.get(), 1, Integer::sum);
            }
            return counts;
        } finally {
            clients.shutdownNow();
        }
    }

    private static File tenMegabytePdf() throws IOException {
        Path file = Files.createTempFile("flood", ".pdf");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1024 * 1024];
            new java.util.Random(15).nextBytes(block);
            for (int i = 0; i < 10; i++) {
                out.write(block, 0, i == 9 ? block.length - 9 : block.length);
            }
        }
        return file.toFile();
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
