package org.clinic.records;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.clinic.records.RecordsFixture.post;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.clinic.common.testing.EventExamples;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** The prescription PDF, report uploads and downloads, and the events both raise. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class DocumentsTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes();

    @Inject
    Pool database;

    @Inject
    ObjectMapper mapper;

    @Test
    void aPrescriptionPrintsWithPatientPrescriberLicenseLinesAndSignature() throws Exception {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = RecordsFixture.doctor(database, "Dr. Ines Moreira", "OM-77120");
        RecordsFixture.relate(database, doctor, patient);
        try (TestBroker broker = new TestBroker()) {
            String issued = broker.tap("records.prescription.issued");
            String id = post(TestTokens.forDoctor(doctor), "/api/v1/patients/" + patient + "/prescriptions",
                    RecordsFixture.prescription("1 tablet")).statusCode(201).extract().path("id");

            byte[] pdf = given().auth().oauth2(TestTokens.forPatient(patient))
                    .get("/api/v1/patients/" + patient + "/prescriptions/" + id + "/pdf")
                    .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
            String text;
            try (var document = Loader.loadPDF(pdf)) {
                text = new PDFTextStripper().getText(document);
            }
            assertThat(text).contains("Prescription", "Patient: Ana Silva", "Prescriber: Dr. Ines Moreira", "License no. OM-77120",
                    "1. Amlodipine 5 mg", "1 tablet, oral, once daily, for 30 days", "Quantity: 30", "Refills: 1",
                    "Instructions: In the morning", "Notes: Check BP in 2 weeks", "Signature:", id);

            // The patient is told, with the documented event (same fields as the example).
            JsonNode event = take(broker, issued, id);
            JsonNode example = mapper.readTree(EventExamples.read("records.prescription.issued.json"));
            assertThat(fields(event.path("data"))).isEqualTo(fields(example.path("data")));
            assertThat(event.path("data").path("patientId").asText()).isEqualTo(patient.toString());
            assertThat(event.path("source").asText()).isEqualTo("/records-api");
        }
        // A prescription that is no longer active is not printable.
        String cancelled = post(TestTokens.forDoctor(doctor), "/api/v1/patients/" + patient + "/prescriptions",
                RecordsFixture.prescription("1 tablet").replace("\"status\": \"ACTIVE\"", "\"status\": \"CANCELLED\""))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get("/api/v1/patients/" + patient + "/prescriptions/" + cancelled + "/pdf")
                .then().statusCode(409);
        given().auth().oauth2(TestTokens.withRoles("STAFF")).get("/api/v1/patients/" + patient + "/prescriptions/" + cancelled + "/pdf")
                .then().statusCode(403);
    }

    @Test
    void aReportIsStoredEncryptedWithItsHashAndDownloadedWithItsType() throws Exception {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String reports = "/api/v1/patients/" + patient + "/reports";
        try (TestBroker broker = new TestBroker()) {
            String available = broker.tap("records.report.available");
            String id = upload(TestTokens.forDoctor(doctor), PDF, "application/pdf", "lipids.pdf")
                    .post(reports).then().statusCode(201)
                    .body("category", is("BLOOD_TEST")).body("labName", is("Laboratorio Central"))
                    .body("sha256", is(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF))))
                    .body("sizeBytes", is(PDF.length))
                    .extract().path("id");

            byte[] back = given().auth().oauth2(TestTokens.forPatient(patient)).get(reports + "/" + id + "/file")
                    .then().statusCode(200).contentType("application/pdf")
                    .header("Content-Disposition", "attachment; filename=\"lipids.pdf\"").extract().asByteArray();
            assertThat(back).isEqualTo(PDF);
            JsonNode event = take(broker, available, id);
            assertThat(fields(event.path("data"))).isEqualTo(fields(mapper.readTree(
                    EventExamples.read("records.report.available.json")).path("data")));
        }
        String png = upload(TestTokens.forDoctor(doctor), PNG, "image/png", "xray.png", "X_RAY")
                .post(reports).then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.forDoctor(doctor)).get(reports + "/" + png + "/file").then().statusCode(200)
                .contentType("image/png");

        // At rest: ciphertext, in the patient's scope only.
        var row = database.withTransaction(c -> c.preparedQuery("select set_config('clinic.patient_id', $1, true)")
                        .execute(Tuple.of(patient.toString()))
                        .chain(() -> c.preparedQuery("select f.file_data, r.remarks, r.file_name from report r join report_file f on f.report_id = r.id "
                                + "where r.patient_id = $1 order by r.uploaded_at limit 1").execute(Tuple.of(patient))))
                .await().atMost(Duration.ofSeconds(5)).iterator().next();
        assertThat(new String(row.getBuffer("file_data").getBytes())).doesNotContain("%PDF");
        assertThat(row.getString("remarks")).startsWith("gcm1:").doesNotContain("LDL");
        assertThat(row.getString("file_name")).startsWith("gcm1:").doesNotContain("lipids");

        given().auth().oauth2(TestTokens.forPatient(patient)).get(reports).then().statusCode(200).body("totalItems", is(2));
        given().auth().oauth2(TestTokens.withRoles("ADMIN")).get(reports).then().statusCode(403);
    }

    @Test
    void oversizedMismatchedAndUnsupportedUploadsAreRefused() {
        UUID patient = RecordsFixture.patient(database);
        UUID doctor = UUID.randomUUID();
        RecordsFixture.relate(database, doctor, patient);
        String reports = "/api/v1/patients/" + patient + "/reports";
        String asDoctor = TestTokens.forDoctor(doctor);

        byte[] big = new byte[250_000]; // the test limit is 200 000 bytes
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        upload(asDoctor, big, "application/pdf", "big.pdf").post(reports).then().statusCode(413)
                .contentType("application/problem+json").body("code", is("FILE_TOO_LARGE"));
        upload(asDoctor, PNG, "application/pdf", "fake.pdf").post(reports).then().statusCode(415)
                .body("code", is("CONTENT_MISMATCH"));
        upload(asDoctor, "hello".getBytes(), "text/plain", "notes.txt").post(reports).then().statusCode(415)
                .body("code", is("UNSUPPORTED_FILE_TYPE"));
        upload(asDoctor, PDF, "application/pdf", "x.pdf", "HOROSCOPE").post(reports).then()
                .statusCode(400).body("errors[0].field", is("category"));
        given().auth().oauth2(asDoctor).multiPart("category", "MRI").post(reports).then().statusCode(400)
                .body("errors[0].field", is("file"));
        upload(TestTokens.forPatient(patient), PDF, "application/pdf", "mine.pdf").post(reports).then().statusCode(403);
        given().auth().oauth2(asDoctor).get(reports).then().statusCode(200).body("totalItems", is(0));
    }

    private static RequestSpecification upload(String token, byte[] content, String type, String name) {
        return upload(token, content, type, name, "BLOOD_TEST");
    }

    private static RequestSpecification upload(String token, byte[] content, String type, String name, String category) {
        return given().auth().oauth2(token)
                .multiPart("file", name, content, type)
                .multiPart("category", category)
                .multiPart("labName", "Laboratorio Central")
                .multiPart("remarks", "LDL slightly high; repeat in 3 months");
    }

    private JsonNode take(TestBroker broker, String queue, String subject) {
        List<JsonNode> found = new ArrayList<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
            GetResponse message;
            while ((message = broker.take(queue)) != null) {
                JsonNode event = mapper.readTree(message.getBody());
                if (subject.equals(event.path("subject").asText())) {
                    found.add(event);
                }
            }
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
