package org.clinic.records.report;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.records.access.RecordAccess;
import org.clinic.records.access.RecordAccess.Need;
import org.clinic.records.careteam.CareTeam;
import org.clinic.records.crypto.FieldCipher;
import org.clinic.records.events.RecordEvents;

/** Lab and imaging reports: stored encrypted with their SHA-256, read and downloaded under the access rules. */
@ApplicationScoped
public class ReportService {

    public enum Category { BLOOD_TEST, URINE_TEST, X_RAY, MRI, CT, ULTRASOUND, ECG, PATHOLOGY, OTHER }

    /** What the caller sent; the file is the temporary file the multipart body was written to. */
    public record Upload(UUID appointmentId, Category category, String labName, String remarks, String fileName,
                        String contentType, Path file, long size) {
    }

    /**
     * A decrypted file ready to send, with the SHA-256 it was stored with (its entity tag); no
     * content when the caller already holds this version.
     */
    public record Download(String fileName, String contentType, String sha256, byte[] content) {

        public boolean notModified() {
            return content == null;
        }
    }

    private final RecordAccess access;
    private final DownloadPermits downloads;
    private final CareTeam careTeam;
    private final FieldCipher cipher;
    private final RecordEvents events;
    private final Vertx vertx;

    public ReportService(RecordAccess access, CareTeam careTeam, FieldCipher cipher, RecordEvents events, Vertx vertx,
                         DownloadPermits downloads) {
        this.downloads = downloads;
        this.access = access;
        this.careTeam = careTeam;
        this.cipher = cipher;
        this.events = events;
        this.vertx = vertx;
    }

    public Uni<ReportView> upload(UUID patientId, Upload upload, Caller caller) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Reading, hashing and sealing megabytes is blocking and CPU work: on a worker thread, resuming
        // on this request's context afterwards (Hibernate Reactive must continue on the event loop).
        return vertx.executeBlocking(Uni.createFrom().item(() -> prepare(id, upload)))
                .chain(prepared -> store(id, now, patientId, upload, prepared, caller));
    }

    private static final int CHUNK = 64 * 1024;

    /**
     * Reads the file once, chunk by chunk, into the hash and the cipher together: only the sealed
     * copy is ever in memory. Its first bytes must be those of the declared type.
     */
    private Prepared prepare(UUID id, Upload upload) {
        MessageDigest digest = sha256();
        FieldCipher.Sealing sealing = cipher.sealing(upload.size(), context(id, "file"));
        byte[] chunk = new byte[CHUNK];
        boolean first = true;
        try (InputStream in = Files.newInputStream(upload.file())) {
            int read;
            while ((read = in.readNBytes(chunk, 0, CHUNK)) > 0) {
                if (first && !FileTypes.matches(upload.contentType(), Arrays.copyOf(chunk, read))) {
                    throw mismatch(upload);
                }
                first = false;
                digest.update(chunk, 0, read);
                sealing.update(chunk, 0, read);
            }
        } catch (NoSuchFileException e) {
            // Removed as a leftover: this upload stalled for longer than clinic.records.uploads.stale-after.
            throw new ProblemException(408, "UPLOAD_STALLED", "Request timeout", "The upload stalled; send it again");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (first) {
            throw mismatch(upload);
        }
        return new Prepared(HexFormat.of().formatHex(digest.digest()), sealing.finish());
    }

    private static ProblemException mismatch(Upload upload) {
        return new ProblemException(415, "CONTENT_MISMATCH", "Unsupported media type",
                "The file's content is not " + upload.contentType());
    }

    private record Prepared(String sha256, FieldCipher.Sealed sealed) {
    }

    private Uni<ReportView> store(UUID id, Instant now, UUID patientId, Upload upload, Prepared prepared, Caller caller) {
        return access.withRecord(caller, patientId, Need.WRITE, grant -> careTeam.visitOf(upload.appointmentId(), grant)
                .chain(visit -> {
                    Report report = new Report();
                    report.id = id;
                    report.patientId = patientId;
                    report.appointmentId = upload.appointmentId();
                    report.category = upload.category().name();
                    report.labName = cipher.encrypt(upload.labName(), context(id, "lab"));
                    report.remarks = cipher.encrypt(upload.remarks(), context(id, "remarks"));
                    report.fileName = cipher.encrypt(upload.fileName(), context(id, "name"));
                    report.contentType = upload.contentType();
                    report.sizeBytes = upload.size();
                    report.sha256 = prepared.sha256();
                    ReportFile file = new ReportFile();
                    file.reportId = id;
                    file.patientId = patientId;
                    file.fileKey = prepared.sealed().keyId();
                    file.fileData = prepared.sealed().bytes();
                    report.status = Report.AVAILABLE;
                    report.uploadedBy = grant.actorId();
                    report.uploadedAt = now;
                    return report.<Report>persist()
                            .call(() -> Panache.getSession().chain(session -> session.flush()))
                            .call(() -> file.persist())
                            .call(() -> access.audit(grant, "CREATE", "REPORT", id))
                            .call(() -> events.reportAvailable(id, patientId, report.category, grant.actorId(), now))
                            .map(this::view);
                }));
    }

    public Uni<Page<ReportView>> list(UUID patientId, boolean includeEnteredInError, int page, int size, Caller caller) {
        String query = "patientId = ?1" + (includeEnteredInError ? "" : " and status = 'AVAILABLE'") + " order by uploadedAt desc, id";
        return access.withRecord(caller, patientId, Need.READ, grant -> Page.fetch(
                        Report.<Report>find(query, patientId).page(page, size), page, size)
                .call(() -> access.audit(grant, "LIST", "REPORT", null))
                .map(p -> p.map(this::view)));
    }

    public Uni<ReportView> get(UUID patientId, UUID id, Caller caller) {
        return access.withRecord(caller, patientId, Need.READ, grant -> find(patientId, id)
                .call(() -> access.audit(grant, "READ", "REPORT", id))
                .map(this::view));
    }

    /**
     * The file, or only its tag when {@code heldVersion} (the caller's If-None-Match) already names it.
     * The file's room in {@link DownloadPermits} is taken before it is loaded and handed to
     * {@code whenRequestEnds}, which gives it back once the client has the bytes (or went away).
     */
    public Uni<Download> download(UUID patientId, UUID id, Predicate<String> heldVersion, Caller caller,
                                  Consumer<Runnable> whenRequestEnds) {
        return access.withRecord(caller, patientId, Need.READ, grant -> find(patientId, id).chain(report -> {
                    if (heldVersion.test(report.sha256)) {
                        // The bytes are not loaded: the caller only learns that its copy is current.
                        return access.audit(grant, "READ", "REPORT", id).replaceWith(new Stored(report, null));
                    }
                    long room = 2 * report.sizeBytes; // sealed and opened
                    if (!downloads.tryTake(room)) {
                        return Uni.createFrom().failure(new ProblemException(503, "TRY_AGAIN", "Service Unavailable",
                                "Too many reports are being downloaded; try again after Retry-After"));
                    }
                    whenRequestEnds.accept(() -> downloads.giveBack(room));
                    return ReportFile.<ReportFile>findById(id).map(file -> new Stored(report, file))
                            .call(() -> access.audit(grant, "DOWNLOAD", "REPORT", id));
                }))
                // Decrypting megabytes is CPU work: on a worker thread, after the transaction.
                .chain(stored -> stored.file() == null
                        ? Uni.createFrom().item(new Download(null, stored.report().contentType, stored.report().sha256, null))
                        : vertx.executeBlocking(Uni.createFrom().item(() -> new Download(
                                cipher.decrypt(stored.report().fileName, context(id, "name")), stored.report().contentType,
                                stored.report().sha256,
                                cipher.open(new FieldCipher.Sealed(stored.file().fileKey, stored.file().fileData), context(id, "file"))))));
    }

    private record Stored(Report report, ReportFile file) {
    }

    public Uni<ReportView> markEnteredInError(UUID patientId, UUID id, String reason, Caller caller) {
        return access.withRecord(caller, patientId, Need.WRITE, grant -> find(patientId, id).call(report -> {
            if (Report.ENTERED_IN_ERROR.equals(report.status)) {
                return Uni.createFrom().voidItem();
            }
            report.status = Report.ENTERED_IN_ERROR;
            report.statusReason = cipher.encrypt(reason, context(id, "reason"));
            return access.audit(grant, "ENTERED_IN_ERROR", "REPORT", id);
        }).map(this::view));
    }

    private static Uni<Report> find(UUID patientId, UUID id) {
        return Report.<Report>find("id = ?1 and patientId = ?2", id, patientId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("report " + id));
    }

    private ReportView view(Report r) {
        return new ReportView(r.id, r.patientId, r.appointmentId, r.category, cipher.decrypt(r.labName, context(r.id, "lab")),
                cipher.decrypt(r.remarks, context(r.id, "remarks")), cipher.decrypt(r.fileName, context(r.id, "name")),
                r.contentType, r.sizeBytes, r.sha256, r.status,
                r.statusReason == null ? null : cipher.decrypt(r.statusReason, context(r.id, "reason")), r.uploadedBy, r.uploadedAt);
    }

    private static String context(UUID id, String part) {
        return "report:" + id + ":" + part;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
