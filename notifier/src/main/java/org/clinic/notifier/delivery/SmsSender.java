package org.clinic.notifier.delivery;

import io.smallrye.mutiny.Uni;

/** Sends a text message; the gateway is chosen by {@code clinic.notifier.sms.gateway}. */
public interface SmsSender {

    /** Completes when the gateway accepted the message, fails when it refused or could not be reached. */
    Uni<Void> send(String phoneNumber, String text);
}
