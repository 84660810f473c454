package org.clinic.common.events;

/** An inbound message that is not a usable CloudEvent: retrying cannot help, it goes to the dead-letter queue. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
