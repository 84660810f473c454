package org.clinic.records.entry;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One version of a clinical entry as it was written, never changed afterwards. */
@Entity
@Table(name = "clinical_entry_version")
public class EntryVersion extends PanacheEntityBase {

    @EmbeddedId
    public Key key;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String content;

    @Column(name = "changed_by", nullable = false)
    public UUID changedBy;

    @Column(name = "changed_by_role", nullable = false)
    public String changedByRole;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    /** Ciphertext: why this version was written (amendment, entered in error); null for the first. */
    public String reason;

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "entry_id")
        public UUID entryId;

        public int version;

        public Key() {
        }

        public Key(UUID entryId, int version) {
            this.entryId = entryId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.entryId, entryId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(entryId, version);
        }
    }
}
