package org.clinic.records.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.records.access.Grant;
import org.clinic.records.access.RecordAccess;
import org.clinic.records.access.RecordAccess.Need;
import org.clinic.records.careteam.CareTeam;
import org.clinic.records.crypto.FieldCipher;
import org.clinic.records.events.RecordEvents;

/**
 * Clinical entries of every kind: written, amended (a new version, the old one kept), marked
 * entered-in-error (a status with a reason; nothing is deleted), read and listed. Every call goes
 * through {@link RecordAccess} and leaves an audit entry; content is encrypted at rest.
 */
@ApplicationScoped
public class EntryService {

    private final RecordAccess access;
    private final CareTeam careTeam;
    private final FieldCipher cipher;
    private final ObjectMapper mapper;
    private final RecordEvents events;

    public EntryService(RecordAccess access, CareTeam careTeam, FieldCipher cipher, ObjectMapper mapper, RecordEvents events) {
        this.access = access;
        this.careTeam = careTeam;
        this.cipher = cipher;
        this.mapper = mapper;
        this.events = events;
    }

    public <C> Uni<EntryView<C>> create(EntryKind kind, Class<C> type, UUID patientId, UUID appointmentId, String status,
                                        C content, Caller caller) {
        checkStatus(kind, status);
        return access.withRecord(caller, patientId, Need.WRITE, grant -> appointmentOf(kind, appointmentId, grant)
                .chain(visitStart -> {
                    Instant now = now();
                    ClinicalEntry entry = new ClinicalEntry();
                    entry.id = UUID.randomUUID();
                    entry.patientId = patientId;
                    entry.kind = kind;
                    entry.appointmentId = appointmentId;
                    entry.authorId = grant.actorId();
                    entry.status = status;
                    entry.version = 1;
                    entry.content = cipher.encrypt(json(content), contentContext(entry.id, 1));
                    entry.recordedAt = visitStart == null ? now : visitStart;
                    entry.createdAt = now;
                    entry.updatedAt = now;
                    return entry.<ClinicalEntry>persist()
                            .call(saved -> version(saved, grant, null).persist())
                            .call(saved -> access.audit(grant, "CREATE", kind.name(), saved.id))
                            .call(saved -> kind == EntryKind.PRESCRIPTION && "ACTIVE".equals(status)
                                    ? events.prescriptionIssued(saved) : Uni.createFrom().voidItem())
                            .map(saved -> view(saved, type));
                }));
    }

    /** A new version replacing {@code expectedVersion}; the reason is kept with it. */
    public <C> Uni<EntryView<C>> amend(EntryKind kind, Class<C> type, UUID patientId, UUID id, int expectedVersion,
                                       String status, C content, String reason, Caller caller) {
        checkStatus(kind, status);
        requireReason(reason);
        return access.withRecord(caller, patientId, Need.WRITE, grant -> find(kind, patientId, id, grant).chain(entry -> {
            if (EntryKind.ENTERED_IN_ERROR.equals(entry.status)) {
                return Uni.createFrom().failure(ProblemException.conflict("ENTERED_IN_ERROR",
                        "An entry marked entered-in-error cannot be amended; write a new one"));
            }
            if (kind == EntryKind.ENCOUNTER && !entry.authorId.equals(grant.actorId())) {
                return Uni.createFrom().failure(ProblemException.forbidden("Only the doctor of the visit amends its note"));
            }
            if (entry.version != expectedVersion) {
                return Uni.createFrom().failure(ProblemException.stale("The entry changed since version " + expectedVersion
                        + "; it is now at version " + entry.version));
            }
            return writeVersion(entry, status, json(content), reason, grant, "AMEND").map(saved -> view(saved, type));
        }));
    }

    /** "Deleting": the entry stays, with status entered-in-error and the reason, in a new version. */
    public <C> Uni<EntryView<C>> markEnteredInError(EntryKind kind, Class<C> type, UUID patientId, UUID id, String reason,
                                                    Caller caller) {
        requireReason(reason);
        return access.withRecord(caller, patientId, Need.WRITE, grant -> find(kind, patientId, id, grant).chain(entry -> {
            if (kind == EntryKind.ENCOUNTER && !entry.authorId.equals(grant.actorId())) {
                return Uni.createFrom().failure(ProblemException.forbidden("Only the doctor of the visit retracts its note"));
            }
            if (EntryKind.ENTERED_IN_ERROR.equals(entry.status)) {
                return Uni.createFrom().item(view(entry, type));
            }
            String content = cipher.decrypt(entry.content, contentContext(entry.id, entry.version));
            return writeVersion(entry, EntryKind.ENTERED_IN_ERROR, content, reason, grant, "ENTERED_IN_ERROR")
                    .map(saved -> view(saved, type));
        }));
    }

    public <C> Uni<EntryView<C>> get(EntryKind kind, Class<C> type, UUID patientId, UUID id, Caller caller) {
        return access.withRecord(caller, patientId, Need.READ, grant -> find(kind, patientId, id, grant)
                .call(entry -> access.audit(grant, "READ", kind.name(), id))
                .map(entry -> view(entry, type)));
    }

    /** Newest first; entered-in-error entries only when asked for, drafts never to patients. */
    public <C> Uni<Page<EntryView<C>>> list(EntryKind kind, Class<C> type, UUID patientId, String status,
                                            boolean includeEnteredInError, int page, int size, Caller caller) {
        return access.withRecord(caller, patientId, Need.READ, grant -> {
            StringBuilder query = new StringBuilder("patientId = :patient and kind = :kind");
            var parameters = io.quarkus.panache.common.Parameters.with("patient", patientId).and("kind", kind);
            if (status != null) {
                query.append(" and status = :status");
                parameters.and("status", status);
            }
            if (!includeEnteredInError || !grant.seesDrafts()) {
                // Patients never see retracted entries: one may have been a draft they never saw.
                query.append(" and status <> 'ENTERED_IN_ERROR'");
            }
            if (!grant.seesDrafts()) {
                query.append(" and status <> 'DRAFT'");
            }
            query.append(" order by recordedAt desc, id");
            return Page.fetch(ClinicalEntry.<ClinicalEntry>find(query.toString(), parameters).page(page, size), page, size)
                    .call(() -> access.audit(grant, "LIST", kind.name(), null))
                    .map(p -> p.map(entry -> view(entry, type)));
        });
    }

    public <C> Uni<List<VersionView<C>>> versions(EntryKind kind, Class<C> type, UUID patientId, UUID id, Caller caller) {
        return access.withRecord(caller, patientId, Need.READ, grant -> find(kind, patientId, id, grant)
                .chain(entry -> EntryVersion.<EntryVersion>list("key.entryId = ?1 order by key.version", id))
                .call(() -> access.audit(grant, "READ_VERSIONS", kind.name(), id))
                .map(rows -> rows.stream().filter(row -> grant.seesDrafts() || !"DRAFT".equals(row.status)).map(row -> new VersionView<>(row.key.version, row.status, row.changedBy,
                        row.changedByRole, row.changedAt,
                        row.reason == null ? null : cipher.decrypt(row.reason, reasonContext(id, row.key.version)),
                        read(cipher.decrypt(row.content, contentContext(id, row.key.version)), type))).toList()));
    }

    /** Entries of several kinds for the record summary, decrypted, in the caller's transaction. */
    Uni<List<ClinicalEntry>> current(UUID patientId, Grant grant) {
        String drafts = grant.seesDrafts() ? "" : " and status <> 'DRAFT'";
        return ClinicalEntry.list("patientId = ?1 and status <> 'ENTERED_IN_ERROR'" + drafts + " order by recordedAt desc, id",
                patientId);
    }

    public <C> EntryView<C> view(ClinicalEntry entry, Class<C> type) {
        C content = read(cipher.decrypt(entry.content, contentContext(entry.id, entry.version)), type);
        return new EntryView<>(entry.id, entry.patientId, entry.kind, entry.appointmentId, entry.status, entry.version,
                entry.authorId, entry.recordedAt, entry.updatedAt, content);
    }

    private Uni<ClinicalEntry> writeVersion(ClinicalEntry entry, String status, String contentJson, String reason,
                                            Grant grant, String action) {
        entry.version += 1;
        entry.status = status;
        entry.content = cipher.encrypt(contentJson, contentContext(entry.id, entry.version));
        entry.updatedAt = now();
        EntryVersion version = version(entry, grant, reason);
        return version.persist().call(() -> access.audit(grant, action, entry.kind.name(), entry.id)).replaceWith(entry);
    }

    private EntryVersion version(ClinicalEntry entry, Grant grant, String reason) {
        EntryVersion version = new EntryVersion();
        version.key = new EntryVersion.Key(entry.id, entry.version);
        version.patientId = entry.patientId;
        version.status = entry.status;
        version.content = entry.content;
        version.changedBy = grant.actorId();
        version.changedByRole = grant.role();
        version.changedAt = entry.updatedAt;
        version.reason = reason == null ? null : cipher.encrypt(reason, reasonContext(entry.id, entry.version));
        return version;
    }

    /** The entry of this kind and patient; drafts and retracted entries do not exist for patients. */
    private Uni<ClinicalEntry> find(EntryKind kind, UUID patientId, UUID id, Grant grant) {
        return ClinicalEntry.<ClinicalEntry>find("id = ?1 and patientId = ?2 and kind = ?3", id, patientId, kind).firstResult()
                .map(entry -> {
                    if (entry == null || (!grant.seesDrafts()
                            && ("DRAFT".equals(entry.status) || EntryKind.ENTERED_IN_ERROR.equals(entry.status)))) {
                        throw ProblemException.notFound(kind.name().toLowerCase(java.util.Locale.ROOT) + " " + id);
                    }
                    return entry;
                });
    }

    /** The start of the visit an entry comes from ({@code null} when none), checked by the care team. */
    private Uni<Instant> appointmentOf(EntryKind kind, UUID appointmentId, Grant grant) {
        if (appointmentId == null && kind.needsAppointment()) {
            return Uni.createFrom().failure(ProblemException.invalidField("appointmentId", "is required for this kind of entry"));
        }
        return careTeam.visitOf(appointmentId, grant);
    }

    private static void checkStatus(EntryKind kind, String status) {
        if (status == null || !kind.statuses().contains(status)) {
            throw ProblemException.invalidField("status", "must be one of " + kind.statuses().stream().sorted().toList());
        }
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalidField("reason", "is required: say why the entry changes");
        }
        if (reason.length() > 1000) {
            throw ProblemException.invalidField("reason", "must be at most 1000 characters");
        }
    }

    static String contentContext(UUID id, int version) {
        return "entry:" + id + ":" + version;
    }

    static String reasonContext(UUID id, int version) {
        return "entry-reason:" + id + ":" + version;
    }

    private String json(Object content) {
        try {
            return mapper.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Content not serializable", e);
        }
    }

    private <C> C read(String json, Class<C> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored content does not match " + type.getSimpleName(), e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
