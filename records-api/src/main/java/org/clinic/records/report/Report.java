package org.clinic.records.report;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An uploaded lab or imaging report (its file is a {@link ReportFile}); free text is ciphertext. */
@Entity
@Table(name = "report")
public class Report extends PanacheEntityBase {

    public static final String AVAILABLE = "AVAILABLE";
    public static final String ENTERED_IN_ERROR = "ENTERED_IN_ERROR";

    @Id
    public UUID id;

    @Column(name = "patient_id", nullable = false)
    public UUID patientId;

    @Column(name = "appointment_id")
    public UUID appointmentId;

    @Column(nullable = false)
    public String category;

    @Column(name = "lab_name")
    public String labName;

    public String remarks;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false)
    public String sha256;

    @Column(nullable = false)
    public String status;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "uploaded_by", nullable = false)
    public UUID uploadedBy;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;
}
