package org.clinic.scheduling.appointment;

import static org.clinic.scheduling.appointment.AppointmentStatus.CANCELLED;
import static org.clinic.scheduling.appointment.AppointmentStatus.CHECKED_IN;
import static org.clinic.scheduling.appointment.AppointmentStatus.COMPLETED;
import static org.clinic.scheduling.appointment.AppointmentStatus.CONFIRMED;
import static org.clinic.scheduling.appointment.AppointmentStatus.DECLINED;
import static org.clinic.scheduling.appointment.AppointmentStatus.NO_SHOW;
import static org.clinic.scheduling.appointment.AppointmentStatus.REQUESTED;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which status moves exist and who may make them. Patients cancel their own; doctors confirm,
 * decline and complete their own; staff check in and mark no-shows; admins may do all; doctors and
 * staff may also cancel. Anything else is refused. Pure: no I/O.
 */
public final class AppointmentTransitions {

    private record Move(AppointmentStatus from, AppointmentStatus to, Set<String> roles) {
    }

    private static final List<Move> MOVES = List.of(
            new Move(REQUESTED, CONFIRMED, Set.of("DOCTOR", "ADMIN")),
            new Move(REQUESTED, DECLINED, Set.of("DOCTOR", "ADMIN")),
            new Move(CONFIRMED, CHECKED_IN, Set.of("STAFF", "ADMIN")),
            new Move(CHECKED_IN, COMPLETED, Set.of("DOCTOR", "ADMIN")),
            new Move(REQUESTED, CANCELLED, Set.of("PATIENT", "DOCTOR", "STAFF", "ADMIN")),
            new Move(CONFIRMED, CANCELLED, Set.of("PATIENT", "DOCTOR", "STAFF", "ADMIN")),
            new Move(CONFIRMED, NO_SHOW, Set.of("STAFF", "ADMIN")));

    /** Why a move is refused. */
    public enum Refusal { INVALID_TRANSITION, ROLE_NOT_ALLOWED, NOT_STARTED_YET }

    private AppointmentTransitions() {
    }

    /** Empty when {@code roles} may move an appointment starting at {@code start} from {@code from} to {@code to} at {@code now}. */
    public static Optional<Refusal> check(AppointmentStatus from, AppointmentStatus to, Set<String> roles,
                                          Instant start, Instant now) {
        Optional<Move> move = MOVES.stream().filter(m -> m.from() == from && m.to() == to).findFirst();
        if (move.isEmpty()) {
            return Optional.of(Refusal.INVALID_TRANSITION);
        }
        if (move.get().roles().stream().noneMatch(roles::contains)) {
            return Optional.of(Refusal.ROLE_NOT_ALLOWED);
        }
        if (to == NO_SHOW && now.isBefore(start)) {
            return Optional.of(Refusal.NOT_STARTED_YET);
        }
        return Optional.empty();
    }

    /** A patient cancelling closer to the start than the doctor's window is allowed, but flagged late. */
    public static boolean isLateCancellation(Instant start, Instant now, int cancellationWindowHours) {
        return now.isAfter(start.minusSeconds(cancellationWindowHours * 3600L));
    }
}
