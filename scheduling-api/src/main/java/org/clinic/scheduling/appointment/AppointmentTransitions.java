package org.clinic.scheduling.appointment;

import static org.clinic.scheduling.appointment.AppointmentStatus.CANCELLED;
import static org.clinic.scheduling.appointment.AppointmentStatus.CHECKED_IN;
import static org.clinic.scheduling.appointment.AppointmentStatus.COMPLETED;
import static org.clinic.scheduling.appointment.AppointmentStatus.CONFIRMED;
import static org.clinic.scheduling.appointment.AppointmentStatus.DECLINED;
import static org.clinic.scheduling.appointment.AppointmentStatus.NO_SHOW;
import static org.clinic.scheduling.appointment.AppointmentStatus.REQUESTED;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which status moves exist, who may make them and when. Patients cancel their own; doctors confirm,
 * decline and complete their own; staff check in and mark no-shows; admins may do all; doctors and
 * staff may also cancel. Check-in opens a while before the start, completion at the start, and a
 * no-show only after the start plus a grace ({@link Windows}). Anything else is refused. Pure: no I/O.
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
    public enum Refusal { INVALID_TRANSITION, ROLE_NOT_ALLOWED, OUTSIDE_WINDOW }

    /**
     * When the moves that follow the visit open: check-in {@code checkInOpensBefore} the start,
     * completion at the start, no-show {@code noShowGrace} after it.
     */
    public record Windows(Duration checkInOpensBefore, Duration noShowGrace) {
    }

    private AppointmentTransitions() {
    }

    /** Empty when {@code roles} may move an appointment starting at {@code start} from {@code from} to {@code to} at {@code now}. */
    public static Optional<Refusal> check(AppointmentStatus from, AppointmentStatus to, Set<String> roles,
                                          Instant start, Instant now, Windows windows) {
        Optional<Move> move = MOVES.stream().filter(m -> m.from() == from && m.to() == to).findFirst();
        if (move.isEmpty()) {
            return Optional.of(Refusal.INVALID_TRANSITION);
        }
        if (move.get().roles().stream().noneMatch(roles::contains)) {
            return Optional.of(Refusal.ROLE_NOT_ALLOWED);
        }
        Optional<Instant> opens = opensAt(to, start, windows);
        if (opens.isPresent() && now.isBefore(opens.get())) {
            return Optional.of(Refusal.OUTSIDE_WINDOW);
        }
        return Optional.empty();
    }

    /** The first instant a move to {@code to} is allowed, for the moves that wait for the visit; empty for the others. */
    public static Optional<Instant> opensAt(AppointmentStatus to, Instant start, Windows windows) {
        return switch (to) {
            case CHECKED_IN -> Optional.of(start.minus(windows.checkInOpensBefore()));
            case COMPLETED -> Optional.of(start);
            case NO_SHOW -> Optional.of(start.plus(windows.noShowGrace()));
            default -> Optional.empty();
        };
    }

    /** A patient cancelling closer to the start than the doctor's window is allowed, but flagged late. */
    public static boolean isLateCancellation(Instant start, Instant now, int cancellationWindowHours) {
        return now.isAfter(start.minusSeconds(cancellationWindowHours * 3600L));
    }
}
