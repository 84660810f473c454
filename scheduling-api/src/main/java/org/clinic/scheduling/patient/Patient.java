package org.clinic.scheduling.patient;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;


/** A patient's profile: created at self-registration or by staff. */
@Entity
@Table(name = "patient")
public class Patient extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    @Column(name = "date_of_birth", nullable = false)
    public LocalDate dateOfBirth;

    public String phone;

    public String email;

    @Column(name = "medical_record_number", nullable = false, updatable = false)
    public String medicalRecordNumber;

    /** FHIR administrative gender: male, female, other, unknown. */
    public String gender;

    @Convert(converter = PatientDetails.AddressJson.class)
    public PatientDetails.Address address;

    @Convert(converter = PatientDetails.EmergencyContactJson.class)
    @Column(name = "emergency_contact")
    public PatientDetails.EmergencyContact emergencyContact;

    @Convert(converter = PatientDetails.IdentifiersJson.class)
    @Column(nullable = false)
    public List<PatientDetails.Identifier> identifiers = new ArrayList<>();

    @Convert(converter = PatientDetails.CoveragesJson.class)
    @Column(nullable = false)
    public List<PatientDetails.Coverage> coverages = new ArrayList<>();

    @Column(name = "consent_email", nullable = false)
    public boolean consentEmail;

    @Column(name = "consent_sms", nullable = false)
    public boolean consentSms;

    @Column(name = "preferred_language")
    public String preferredLanguage;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;
}
