package org.clinic.notifier.reminder;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A reminder of one appointment at one offset before its start. */
@Entity
@Table(name = "reminder")
public class Reminder extends PanacheEntityBase {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String CANCELLED = "CANCELLED";
    /** Due while the notifier was away and the appointment had already started: too late to help. */
    public static final String SKIPPED = "SKIPPED";

    @Id
    public UUID id;

    @Column(name = "appointment_id", nullable = false)
    public UUID appointmentId;

    @Column(name = "offset_minutes", nullable = false)
    public int offsetMinutes;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    /** Grows each time a reschedule moves the reminder, so the moved one is a new message. */
    @Column(nullable = false)
    public int generation;

    @Column(nullable = false)
    public String status;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
