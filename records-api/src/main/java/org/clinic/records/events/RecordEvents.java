package org.clinic.records.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.outbox.OutboxWriter;
import org.clinic.records.careteam.CareTeam;

/**
 * The events records-api raises (deploy/events.md), written to the outbox in the transaction of
 * the change. They name the patient by id and carry nothing clinical.
 */
@ApplicationScoped
public class RecordEvents {

    private final OutboxWriter outbox;
    private final CareTeam careTeam;

    public RecordEvents(OutboxWriter outbox, CareTeam careTeam) {
        this.outbox = outbox;
        this.careTeam = careTeam;
    }

    public Uni<Void> prescriptionIssued(org.clinic.records.entry.ClinicalEntry prescription) {
        return doctor(prescription.authorId).chain(doctor -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("prescriptionId", prescription.id);
            data.put("patientId", prescription.patientId);
            data.put("appointmentId", prescription.appointmentId);
            data.put("doctor", doctor);
            data.put("issuedAt", prescription.createdAt.toString());
            return outbox.append("clinic.records.prescription.issued.v1", prescription.id.toString(), data);
        }).replaceWithVoid();
    }

    public Uni<Void> reportAvailable(UUID reportId, UUID patientId, String category, UUID uploadedBy, Instant at) {
        return doctor(uploadedBy).chain(doctor -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("reportId", reportId);
            data.put("patientId", patientId);
            data.put("category", category);
            data.put("doctor", doctor);
            data.put("availableAt", at.toString());
            return outbox.append("clinic.records.report.available.v1", reportId.toString(), data);
        }).replaceWithVoid();
    }

    public Uni<Void> emergencyAccess(UUID accessId, UUID patientId, UUID doctorId, Instant start, Instant end) {
        return doctor(doctorId).chain(doctor -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("accessId", accessId);
            data.put("patientId", patientId);
            data.put("doctor", doctor);
            data.put("startedAt", start.toString());
            data.put("expiresAt", end.toString());
            return outbox.append("clinic.records.access.emergency.v1", accessId.toString(), data);
        }).replaceWithVoid();
    }

    private Uni<Map<String, Object>> doctor(UUID id) {
        return careTeam.doctorName(id).map(name -> Map.of("id", id, "name", name));
    }
}
