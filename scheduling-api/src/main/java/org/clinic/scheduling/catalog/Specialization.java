package org.clinic.scheduling.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A medical specialization of the catalog, e.g. cardiology; doctors refer to it by code. */
@Entity
@Table(name = "specialization")
public class Specialization extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Set when retired: left out of the lists and of new doctors and rules, kept for history. */
    @Column(name = "retired_at")
    public Instant retiredAt;

    @Version
    public int version;

    public boolean retired() {
        return retiredAt != null;
    }
}
