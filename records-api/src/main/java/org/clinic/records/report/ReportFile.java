package org.clinic.records.report;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** The encrypted bytes of a report, apart from its details so that lists never load them. */
@Entity
@Table(name = "report_file")
public class ReportFile extends PanacheEntityBase {

    @Id
    @Column(name = "report_id")
    public UUID reportId;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    /** Id of the key that sealed {@link #fileData}. */
    @Column(name = "file_key", nullable = false)
    public String fileKey;

    /** Nonce and ciphertext. */
    @Column(name = "file_data", nullable = false)
    public byte[] fileData;
}
