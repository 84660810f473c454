package org.clinic.notifier.recipient;

/** How a message reaches its recipient. */
public enum Channel {
    EMAIL, SMS, IN_APP
}
