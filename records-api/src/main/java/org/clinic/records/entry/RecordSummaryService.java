package org.clinic.records.entry;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;
import org.clinic.common.security.Caller;
import org.clinic.records.access.RecordAccess;
import org.clinic.records.access.RecordAccess.Need;

/** Builds {@link RecordSummary} from the current entries; filters that need content run after decryption. */
@ApplicationScoped
public class RecordSummaryService {

    static final int RECENT_ENCOUNTERS = 5;

    private final RecordAccess access;
    private final EntryService entries;

    public RecordSummaryService(RecordAccess access, EntryService entries) {
        this.access = access;
        this.entries = entries;
    }

    public Uni<RecordSummary> summary(UUID patientId, Caller caller) {
        Instant now = Instant.now();
        return access.withRecord(caller, patientId, Need.READ, grant -> entries.current(patientId, grant)
                .call(() -> access.audit(grant, "READ_SUMMARY", null, null))
                .map(current -> {
                    var problems = current.stream().filter(e -> e.kind == EntryKind.DIAGNOSIS && "ACTIVE".equals(e.status))
                            .map(e -> entries.view(e, Contents.Diagnosis.class)).toList();
                    var chronic = current.stream().filter(e -> e.kind == EntryKind.HISTORY && "ACTIVE".equals(e.status))
                            .map(e -> entries.view(e, Contents.HistoryItem.class))
                            .filter(v -> v.content().category() == Contents.HistoryCategory.CHRONIC_CONDITION).toList();
                    var allergies = current.stream().filter(e -> e.kind == EntryKind.ALLERGY && "ACTIVE".equals(e.status))
                            .map(e -> entries.view(e, Contents.Allergy.class))
                            .sorted(Comparator.comparing((EntryView<Contents.Allergy> v) -> v.content().severity()).reversed())
                            .toList();
                    var medications = current.stream().filter(e -> e.kind == EntryKind.PRESCRIPTION && "ACTIVE".equals(e.status))
                            .map(e -> entries.view(e, Contents.Prescription.class))
                            .filter(v -> runsUntil(v).isAfter(now)).toList();
                    var encounters = current.stream().filter(e -> e.kind == EntryKind.ENCOUNTER)
                            .limit(RECENT_ENCOUNTERS).map(e -> entries.view(e, Contents.Encounter.class)).toList();
                    return new RecordSummary(patientId, problems, chronic, allergies, medications, encounters);
                }));
    }

    /** The end of a prescription: its issue plus the longest line's duration. */
    private static Instant runsUntil(EntryView<Contents.Prescription> prescription) {
        int days = prescription.content().lines().stream().mapToInt(Contents.MedicationLine::durationDays).max().orElse(0);
        return prescription.recordedAt().plus(Duration.ofDays(days));
    }
}
