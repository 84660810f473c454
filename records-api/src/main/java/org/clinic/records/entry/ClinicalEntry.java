package org.clinic.records.entry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** The current version of a clinical entry; {@link EntryVersion} keeps every version. */
@Entity
@Table(name = "clinical_entry")
public class ClinicalEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public EntryKind kind;

    @Column(name = "appointment_id")
    public UUID appointmentId;

    /** The doctor who wrote the first version. */
    @Column(name = "author_id", nullable = false)
    public UUID authorId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int version;

    /** Ciphertext of the content JSON (see FieldCipher), bound to this entry and version. */
    @Column(nullable = false)
    public String content;

    /** When it happened clinically: the visit, the issue date, the recording. */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
