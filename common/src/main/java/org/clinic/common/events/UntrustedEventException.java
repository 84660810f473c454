package org.clinic.common.events;

/**
 * An event that is not demonstrably its producer's (unsigned, badly signed, a source that does not
 * own the type) or whose time lies in the future: refused like a malformed one (dead-lettered, or
 * 400 over HTTP), naming the attribute at fault.
 */
public class UntrustedEventException extends MalformedEventException {

    private final String attribute;

    public UntrustedEventException(String attribute, String message) {
        super(message);
        this.attribute = attribute;
    }

    public String attribute() {
        return attribute;
    }
}
