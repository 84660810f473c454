package org.clinic.notifier;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** The time reminders are due against; tests replace it to move time forward. */
@ApplicationScoped
public class NotifierClock {

    public Instant now() {
        return Instant.now();
    }
}
