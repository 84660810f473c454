package org.clinic.notifier.delivery;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One e-mail or SMS to one address, with its attempts; kept after success and after failure. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    @Id
    public UUID id;

    @Column(name = "dedupe_key", nullable = false)
    public String dedupeKey;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false)
    public String message;

    @Column(name = "recipient_id", nullable = false)
    public UUID recipientId;

    @Column(name = "recipient_kind", nullable = false)
    public String recipientKind;

    @Column(nullable = false)
    public String channel;

    @Column(nullable = false)
    public String address;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String body;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;
}
