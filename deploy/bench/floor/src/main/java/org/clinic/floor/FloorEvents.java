package org.clinic.floor;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** One consumer, so that the RabbitMQ connector connects at start as in the services. */
@ApplicationScoped
public class FloorEvents {

    @Incoming("floor")
    public void take(byte[] ignored) {
        // nothing: the floor measures start-up, not work
    }
}
