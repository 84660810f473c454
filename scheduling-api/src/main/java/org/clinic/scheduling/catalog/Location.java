package org.clinic.scheduling.catalog;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** A clinic site; its IANA time zone is where its doctors' wall-clock hours live. */
@Entity
@Table(name = "location")
public class Location extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    public String address;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

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
