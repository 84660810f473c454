package org.clinic.common.persistence;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Transactions that PostgreSQL may abort only because of timing, run again from the start.
 *
 * <p>Two bookings or reschedules onto the same time each insert their index entry before checking
 * the exclusion constraint, so each can wait for the other: PostgreSQL then aborts one with
 * "deadlock detected" (40P01). That loser did nothing wrong; run again, it sees the winner and gets
 * its proper answer (409 SLOT_TAKEN) or, if the winner rolled back, succeeds.
 */
public final class Transactions {

    /** deadlock_detected, serialization_failure: the whole transaction may simply be run again. */
    private static final Set<String> RETRYABLE_STATES = Set.of("40P01", "40001");
    static final int ATTEMPTS = 3;
    /** Counts the aborted attempts, so operators see how often bookings race this way. */
    static final String ABORTED_METER = "clinic.transactions.aborted";

    private Transactions() {
    }

    /**
     * Runs {@code work} in a transaction, and again (up to {@value #ATTEMPTS} times in all) when
     * PostgreSQL aborted it for a deadlock or a serialization failure. Call it where no session is
     * open yet (as in the REST services), so each attempt gets a new session; and {@code work} must
     * read what it needs from the database each time (no entity carried in from an earlier attempt).
     */
    public static <T> Uni<T> retrying(Supplier<Uni<T>> work) {
        // Deferred: each attempt assembles a new transaction (and session), not the failed one again.
        // No back-off: it would resume on a scheduler thread, off the request's Vert.x context, and
        // the next attempt's checks wait by themselves for whichever transaction won.
        return retryingStatement(() -> Panache.withTransaction(work));
    }

    /**
     * Runs {@code statement} (one autocommit statement through the SQL client, no session) and
     * again, as {@link #retrying} does, when PostgreSQL aborted it for a deadlock; counted alike.
     */
    public static <T> Uni<T> retryingStatement(Supplier<Uni<T>> statement) {
        return Uni.createFrom().deferred(statement::get)
                .onFailure(Transactions::isRetryable).invoke(() -> Metrics.counter(ABORTED_METER).increment())
                .onFailure(Transactions::isRetryable).retry().atMost(ATTEMPTS - 1);
    }

    /** Whether {@code failure}, or one of its causes, is a deadlock or serialization failure. */
    public static boolean isRetryable(Throwable failure) {
        return Sql.failedWith(failure, RETRYABLE_STATES);
    }
}
