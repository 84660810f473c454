package org.clinic.scheduling.identity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/** A login: credentials, roles, and the patient or doctor profile it belongs to. */
@Entity
@Table(name = "user_account")
public class UserAccount extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Always lower-case; see {@link #normalizeEmail(String)}. */
    @Column(nullable = false, unique = true)
    public String email;

    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(nullable = false)
    public String roles;

    @Column(name = "first_name", nullable = false)
    public String firstName;

    @Column(name = "last_name", nullable = false)
    public String lastName;

    @Column(name = "patient_id")
    public UUID patientId;

    @Column(name = "doctor_id")
    public UUID doctorId;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "password_changed_at", nullable = false)
    public Instant passwordChangedAt;

    @Version
    public int version;

    public Set<Role> roleSet() {
        return Role.split(roles);
    }

    public static String normalizeEmail(String email) {
        return email == null ? null : email.trim().toLowerCase(Locale.ROOT);
    }

    public static Uni<UserAccount> findByEmail(String email) {
        return find("email", normalizeEmail(email)).firstResult();
    }
}
