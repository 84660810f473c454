package org.clinic.records.prescription;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.records.RecordsConfig;
import org.clinic.records.access.RecordAccess;
import org.clinic.records.access.RecordAccess.Need;
import org.clinic.records.entry.ClinicalEntry;
import org.clinic.records.entry.Contents;
import org.clinic.records.entry.EntryKind;
import org.clinic.records.entry.EntryService;
import org.clinic.records.entry.EntryView;

/** The printable prescription: read under the access rules (audited as PRINT), rendered off the event loop. */
@ApplicationScoped
public class PrescriptionPrinting {

    private final RecordAccess access;
    private final EntryService entries;
    private final PrescriptionPdf pdf;
    private final RecordsConfig config;

    public PrescriptionPrinting(RecordAccess access, EntryService entries, PrescriptionPdf pdf, RecordsConfig config) {
        this.access = access;
        this.entries = entries;
        this.pdf = pdf;
        this.config = config;
    }

    public Uni<byte[]> print(UUID patientId, UUID id, Caller caller) {
        return access.withRecord(caller, patientId, Need.READ, grant -> ClinicalEntry.<ClinicalEntry>find(
                                "id = ?1 and patientId = ?2 and kind = ?3", id, patientId, EntryKind.PRESCRIPTION).firstResult()
                        .chain(entry -> {
                            if (entry == null) {
                                return Uni.createFrom().failure(ProblemException.notFound("prescription " + id));
                            }
                            if (!"ACTIVE".equals(entry.status)) {
                                return Uni.createFrom().failure(ProblemException.conflict("NOT_PRINTABLE",
                                        "Only an active prescription can be printed; this one is " + entry.status));
                            }
                            EntryView<Contents.Prescription> view = entries.view(entry, Contents.Prescription.class);
                            return names(patientId, entry.authorId)
                                    .call(() -> access.audit(grant, "PRINT", EntryKind.PRESCRIPTION.name(), id))
                                    .map(names -> new PrescriptionPdf.Sheet(config.clinicName(), names.get(0), names.get(1),
                                            names.get(2), view.recordedAt().atZone(ZoneId.of(config.timeZone())).toLocalDate(),
                                            id, view.version(), view.content()));
                        }))
                .chain(sheet -> Uni.createFrom().item(() -> pdf.render(sheet))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /** Patient name, prescriber name, license number, from the directory scheduling's events fill. */
    private static Uni<List<String>> names(UUID patientId, UUID doctorId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select coalesce((select trim(first_name || ' ' || last_name) from patient_directory where patient_id = :patient), ''),
                               coalesce((select name from doctor_directory where doctor_id = :doctor), ''),
                               coalesce((select license_number from doctor_directory where doctor_id = :doctor), '')""",
                        Object[].class)
                .setParameter("patient", patientId)
                .setParameter("doctor", doctorId)
                .getSingleResult()
                .map(row -> List.of((String) row[0], (String) row[1], (String) row[2])));
    }
}
