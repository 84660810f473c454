package org.clinic.scheduling.doctor;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.Fetch;
import org.hibernate.annotations.FetchMode;

/** A doctor's profile and booking preferences. */
@Entity
@Table(name = "doctor")
public class Doctor extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    @Column(name = "license_number", nullable = false, unique = true)
    public String licenseNumber;

    public String phone;

    public String email;

    /** Comma-separated ISO 639-1 codes. */
    @Column(nullable = false)
    public String languages;

    public String bio;

    /** An https URL of the doctor's photo, set by the doctor (public profile). */
    @Column(name = "photo_url")
    public String photoUrl;

    @ElementCollection(fetch = FetchType.EAGER)
    @Fetch(FetchMode.SUBSELECT)
    @CollectionTable(name = "doctor_specialization", joinColumns = @JoinColumn(name = "doctor_id"))
    @Column(name = "specialization_id")
    public Set<UUID> specializationIds = new HashSet<>();

    @Column(name = "default_visit_minutes", nullable = false)
    public int defaultVisitMinutes;

    @Column(name = "requires_acceptance", nullable = false)
    public boolean requiresAcceptance;

    @Column(name = "buffer_minutes", nullable = false)
    public int bufferMinutes;

    @Column(name = "min_notice_minutes", nullable = false)
    public int minNoticeMinutes;

    @Column(name = "horizon_days", nullable = false)
    public int horizonDays;

    @Column(name = "cancellation_window_hours", nullable = false)
    public int cancellationWindowHours;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    /**
     * Moved by database triggers on every change of what is bookable (V13); read first when a
     * booking loads the doctor's schedule, and checked again by the booking's own statement.
     */
    @Column(name = "schedule_version", insertable = false, updatable = false)
    public long scheduleVersion;

    /** The doctor's first language, the one events and notifications use. */
    public String firstLanguage() {
        return languages.split(",")[0].trim();
    }

    public String displayName() {
        return "Dr. " + firstName + " " + lastName;
    }
}
