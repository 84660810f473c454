package org.clinic.records.entry;

import java.util.Set;

/** The kinds of clinical entry, their statuses, and whether an entry must come from a visit. */
public enum EntryKind {
    ENCOUNTER(Set.of("DRAFT", "FINAL"), true),
    DIAGNOSIS(Set.of("ACTIVE", "RESOLVED"), false),
    PRESCRIPTION(Set.of("ACTIVE", "COMPLETED", "CANCELLED"), false),
    ALLERGY(Set.of("ACTIVE", "RESOLVED"), false),
    HISTORY(Set.of("ACTIVE", "RESOLVED"), false);

    /** Not a choice on create or amend: only the entered-in-error action sets it. */
    public static final String ENTERED_IN_ERROR = "ENTERED_IN_ERROR";

    private final Set<String> statuses;
    private final boolean needsAppointment;

    EntryKind(Set<String> statuses, boolean needsAppointment) {
        this.statuses = statuses;
        this.needsAppointment = needsAppointment;
    }

    public Set<String> statuses() {
        return statuses;
    }

    public boolean needsAppointment() {
        return needsAppointment;
    }
}
