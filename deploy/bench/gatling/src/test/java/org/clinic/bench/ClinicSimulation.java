package org.clinic.bench;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The workloads of deploy/bench/run.sh against scheduling-api, chosen with -Dbench.scenario:
 * <ul>
 * <li>{@code booking}: closed model, bench.users clients each booking random free slots in a loop;
 * one booking in ten goes to one of three hot slots (deliberate contention, answered 409);</li>
 * <li>{@code search}: closed model, one doctor's free slots over the next 7 days;</li>
 * <li>{@code next}: closed model, the earliest free slots across one specialization;</li>
 * <li>{@code mixed}: open model (bench.rate new sessions per second, whatever the latency, so
 * slow answers are not hidden), 80 % reads and 20 % writes: search, next available, my
 * appointments, the doctor directory; book, book and cancel, book and reschedule, a doctor
 * confirming a request;</li>
 * <li>{@code warmup}: a short mixed load whose figures are thrown away (JIT, pools, caches).</li>
 * </ul>
 * Data: the CSV files run.sh exports from the seeded database (bench.data). Tokens are signed with
 * the local demo key, like deploy/local/token.sh: logging in is not what is measured.
 */
public class ClinicSimulation extends Simulation {

    private static final String SCENARIO = System.getProperty("bench.scenario", "mixed");
    private static final String BASE_URL = System.getProperty("bench.baseUrl", "http://127.0.0.1:8081");
    private static final Path DATA = Path.of(System.getProperty("bench.data", "../.work"));
    private static final int USERS = Integer.getInteger("bench.users", 32);
    private static final int RATE = Integer.getInteger("bench.rate", 40);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 60);
    private static final String ISSUER = System.getProperty("bench.issuer", "https://clinic.local");

    record Doctor(UUID id, ZoneId zone, boolean requiresAcceptance, UUID specialization, String token) {
    }

    record Patient(UUID id, String token) {
    }

    private final PrivateKey key = privateKey(Path.of(System.getProperty("bench.privateKey")));
    private final List<Doctor> doctors = readLines("doctors.csv").stream().map(line -> {
        String[] f = line.split(",");
        UUID id = UUID.fromString(f[0]);
        return new Doctor(id, ZoneId.of(f[1]), Boolean.parseBoolean(f[2]), UUID.fromString(f[3]),
                token(id, "DOCTOR", "doctor_id"));
    }).toList();
    private final List<Doctor> acceptingByHand = doctors.stream().filter(Doctor::requiresAcceptance).toList();
    private final List<Patient> patients = readLines("patients.csv").stream()
            .map(line -> new Patient(UUID.fromString(line), token(UUID.fromString(line), "PATIENT", "patient_id")))
            .toList();
    private final List<UUID> specializations = doctors.stream().map(Doctor::specialization).distinct().toList();
    /** The first working day two days ahead: far enough for every doctor's notice. */
    private final LocalDate hotDay = workingDayFrom(LocalDate.now().plusDays(2));

    // ---- session set-up: who asks, about which doctor, for which slot ----

    private Session asPatient(Session session) {
        Patient patient = patients.get(ThreadLocalRandom.current().nextInt(patients.size()));
        return session.set("token", patient.token()).set("patientId", patient.id().toString());
    }

    private Session aboutDoctor(Session session, Doctor doctor) {
        LocalDate day = workingDayFrom(LocalDate.now(doctor.zone()).plusDays(ThreadLocalRandom.current().nextInt(2, 27)));
        LocalTime time = LocalTime.of(9, 0).plusMinutes(30L * ThreadLocalRandom.current().nextInt(16));
        LocalDate otherDay = workingDayFrom(day.plusDays(1));
        return session.set("doctorId", doctor.id().toString())
                .set("specializationId", doctor.specialization().toString())
                .set("start", day.atTime(time).atZone(doctor.zone()).toOffsetDateTime().toString())
                .set("otherStart", otherDay.atTime(time).atZone(doctor.zone()).toOffsetDateTime().toString());
    }

    private Session randomDoctor(Session session) {
        return aboutDoctor(session, doctors.get(ThreadLocalRandom.current().nextInt(doctors.size())));
    }

    /** One booking in ten races for 09:00 on the hot day with one of the first three doctors. */
    private Session bookingTarget(Session session) {
        if (ThreadLocalRandom.current().nextInt(10) > 0) {
            return randomDoctor(session);
        }
        Doctor hot = doctors.get(ThreadLocalRandom.current().nextInt(3));
        return aboutDoctor(session, hot)
                .set("start", hotDay.atTime(9, 0).atZone(hot.zone()).toOffsetDateTime().toString());
    }

    private Session weekWindow(Session session) {
        Instant from = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
        return session.set("from", from.toString()).set("to", from.plus(Duration.ofDays(7)).toString());
    }

    // ---- requests ----

    private final ChainBuilder book = exec(this::asPatient).exec(this::bookingTarget).exec(bookRequest("book"));

    private io.gatling.javaapi.http.HttpRequestActionBuilder bookRequest(String name) {
        // 409 is a right answer under contention (SLOT_TAKEN): counted by status in the report.
        return http(name).post("/api/v1/appointments")
                .header("Authorization", "Bearer #{token}")
                .body(StringBody("{\"doctorId\":\"#{doctorId}\",\"patientId\":\"#{patientId}\",\"start\":\"#{start}\"}"))
                .check(status().in(201, 409).saveAs("status"), jsonPath("$.id").optional().saveAs("appointmentId"));
    }

    private final ChainBuilder searchDoctor = exec(this::asPatient).exec(this::randomDoctor).exec(this::weekWindow)
            .exec(http("search one doctor, 7 days").get("/api/v1/appointments/doctor/#{doctorId}/available-slots")
                    .queryParam("from", "#{from}").queryParam("to", "#{to}")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200)));

    private final ChainBuilder nextAvailable = exec(this::asPatient).exec(this::randomDoctor)
            .exec(http("next available, one specialization").get("/api/v1/slots")
                    .queryParam("specialization", "#{specializationId}").queryParam("limit", "10")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200)));

    private final ChainBuilder myAppointments = exec(this::asPatient)
            .exec(http("my appointments").get("/api/v1/appointments").queryParam("size", "20")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200)));

    private final ChainBuilder directory = exec(this::asPatient).exec(this::randomDoctor)
            .exec(http("doctor directory").get("/api/v1/doctors")
                    .queryParam("specialization", "#{specializationId}").queryParam("size", "20")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200)));

    private final ChainBuilder bookThenCancel = book.doIf(session -> session.contains("appointmentId")).then(
            exec(http("cancel").put("/api/v1/appointments/#{appointmentId}/status")
                    .header("Authorization", "Bearer #{token}")
                    .body(StringBody("{\"status\":\"CANCELLED\",\"reason\":\"benchmark\"}"))
                    .check(status().is(200))));

    private final ChainBuilder bookThenReschedule = book.doIf(session -> session.contains("appointmentId")).then(
            exec(http("reschedule").put("/api/v1/appointments/#{appointmentId}")
                    .header("Authorization", "Bearer #{token}")
                    .body(StringBody("{\"start\":\"#{otherStart}\"}"))
                    .check(status().in(200, 409))));

    private final ChainBuilder confirm = exec(session -> {
        Doctor doctor = acceptingByHand.get(ThreadLocalRandom.current().nextInt(acceptingByHand.size()));
        return session.set("token", doctor.token());
    }).exec(http("doctor's requests").get("/api/v1/appointments").queryParam("status", "REQUESTED").queryParam("size", "5")
                    .header("Authorization", "Bearer #{token}")
                    .check(status().is(200), jsonPath("$.items[0].id").optional().saveAs("requestedId")))
            .doIf(session -> session.contains("requestedId")).then(
                    exec(http("confirm").put("/api/v1/appointments/#{requestedId}/status")
                            .header("Authorization", "Bearer #{token}")
                            .body(StringBody("{\"status\":\"CONFIRMED\"}"))
                            // 409: another doctor session confirmed it first
                            .check(status().in(200, 409))));

    private final ChainBuilder mixedDay = randomSwitch().on(
            percent(30).then(searchDoctor),
            percent(15).then(nextAvailable),
            percent(20).then(myAppointments),
            percent(15).then(directory),
            percent(9).then(book),
            percent(4).then(bookThenCancel),
            percent(3).then(bookThenReschedule),
            percent(4).then(confirm));

    {
        HttpProtocolBuilder protocol = http.baseUrl(BASE_URL)
                .acceptHeader("application/json")
                .contentTypeHeader("application/json")
                .acceptEncodingHeader("gzip")
                .shareConnections();
        PopulationBuilder population = switch (SCENARIO) {
            case "booking" -> closed("booking", book);
            case "search" -> closed("search", searchDoctor);
            case "next" -> closed("next available", nextAvailable);
            case "mixed" -> open("mixed day", mixedDay, RATE);
            case "warmup" -> open("warm-up", mixedDay, RATE);
            case "warmup-booking" -> closed("warm-up booking", book);
            default -> throw new IllegalArgumentException("bench.scenario: booking, search, next, mixed or warmup");
        };
        setUp(population).protocols(protocol).maxDuration(Duration.ofSeconds(SECONDS + 30L));
    }

    /** USERS clients, each sending its next request as soon as the last one is answered. */
    private PopulationBuilder closed(String name, ChainBuilder chain) {
        ScenarioBuilder scenario = scenario(name).during(Duration.ofSeconds(SECONDS)).on(chain);
        return scenario.injectOpen(atOnceUsers(USERS));
    }

    /** New sessions at a fixed rate, whether or not earlier ones were answered. */
    private PopulationBuilder open(String name, ChainBuilder chain, int perSecond) {
        return scenario(name).exec(chain).injectOpen(constantUsersPerSec(perSecond).during(Duration.ofSeconds(SECONDS)));
    }

    // ---- data and tokens ----

    private static LocalDate workingDayFrom(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static List<String> readLines(String file) {
        try {
            return Files.readAllLines(DATA.resolve(file)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("run deploy/bench/run.sh: it exports " + DATA.resolve(file), e);
        }
    }

    private static PrivateKey privateKey(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("bench.privateKey must name a PKCS#8 RSA key (deploy/local/.run/keys/private.pem)", e);
        }
    }

    /** An access token as scheduling-api issues them (DESIGN: claims), valid for two hours. */
    private String token(UUID subject, String role, String idClaim) {
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String payload = "{\"iss\":\"" + ISSUER + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject + "@bench.invalid\","
                + "\"groups\":[\"" + role + "\"],\"" + idClaim + "\":\"" + subject + "\",\"iat\":" + now + ",\"exp\":"
                + (now + 7200) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String signingInput = url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + url.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
