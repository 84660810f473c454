package org.clinic.records.access;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One line of the access audit (append-only: written by {@link RecordAccess#audit}, never changed). */
@Entity
@Table(name = "access_audit")
public class AuditEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public Instant at;

    @Column(name = "actor_id")
    public UUID actorId;

    @Column(name = "actor_role", nullable = false)
    public String actorRole;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "entry_kind")
    public String entryKind;

    @Column(name = "entry_id")
    public UUID entryId;

    @Column(nullable = false)
    public String action;

    @Column(name = "request_id")
    public String requestId;

    /** Ciphertext (see EmergencyAccessService#reasonContext). */
    @Column(name = "break_glass_reason")
    public String breakGlassReason;
}
