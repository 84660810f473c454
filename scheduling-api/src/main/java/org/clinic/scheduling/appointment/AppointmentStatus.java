package org.clinic.scheduling.appointment;

/**
 * Lifecycle of an appointment, with its FHIR {@code Appointment.status} counterpart:
 * REQUESTED=pending, CONFIRMED=booked, DECLINED=cancelled (declined by the practitioner),
 * CHECKED_IN=checked-in, COMPLETED=fulfilled, CANCELLED=cancelled, NO_SHOW=noshow,
 * ENTERED_IN_ERROR=entered-in-error.
 */
public enum AppointmentStatus {
    REQUESTED("pending"),
    CONFIRMED("booked"),
    DECLINED("cancelled"),
    CHECKED_IN("checked-in"),
    COMPLETED("fulfilled"),
    CANCELLED("cancelled"),
    NO_SHOW("noshow"),
    ENTERED_IN_ERROR("entered-in-error");

    private final String fhir;

    AppointmentStatus(String fhir) {
        this.fhir = fhir;
    }

    public String fhir() {
        return fhir;
    }

    /** Whether an appointment in this status occupies its time (the exclusion constraints agree). */
    public boolean holdsTime() {
        return this == REQUESTED || this == CONFIRMED || this == CHECKED_IN || this == COMPLETED;
    }
}
