package org.clinic.notifier.recipient;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A patient or doctor the notifier may tell something: the contact channels they allowed (learned
 * from scheduling events) and the channels they switched on (their preferences).
 */
@Entity
@Table(name = "recipient")
public class Recipient extends PanacheEntityBase {

    @Id
    public UUID id;

    /** PATIENT or DOCTOR. */
    @Column(nullable = false)
    public String kind;

    @Column(name = "display_name", nullable = false)
    public String displayName = "";

    /** ISO 639-1 code of the language messages are written in. */
    @Column(nullable = false)
    public String language = "en";

    /** Only set while the person consents to e-mail. */
    public String email;

    /** Only set while the person consents to SMS. */
    public String phone;

    @Column(name = "contact_as_of")
    public Instant contactAsOf;

    @Column(name = "email_enabled", nullable = false)
    public boolean emailEnabled = true;

    @Column(name = "sms_enabled", nullable = false)
    public boolean smsEnabled = true;

    @Column(name = "in_app_enabled", nullable = false)
    public boolean inAppEnabled = true;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Whether a message may go out on {@code channel}: consent (an address on file) and preference. */
    public boolean allows(Channel channel) {
        return switch (channel) {
            case EMAIL -> emailEnabled && email != null && !email.isBlank();
            case SMS -> smsEnabled && phone != null && !phone.isBlank();
            case IN_APP -> inAppEnabled;
        };
    }

    public String addressFor(Channel channel) {
        return switch (channel) {
            case EMAIL -> email;
            case SMS -> phone;
            case IN_APP -> id.toString();
        };
    }
}
