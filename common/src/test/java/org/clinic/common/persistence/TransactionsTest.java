package org.clinic.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

class TransactionsTest {

    @Test
    void deadlocksAndSerializationFailuresAreRunAgainWhereverTheyAreWrapped() {
        SQLException deadlock = new SQLException("deadlock detected", "40P01");
        assertThat(Transactions.isRetryable(new CompletionException(new LockAcquisitionException("flush", deadlock)))).isTrue();
        assertThat(Transactions.isRetryable(new SQLException("could not serialize access", "40001"))).isTrue();
    }

    @Test
    void conflictsAndOtherFailuresAreNot() {
        // An exclusion violation is an answer (409 SLOT_TAKEN), not bad luck.
        assertThat(Transactions.isRetryable(new CompletionException(new SQLException("conflicting key value", "23P01")))).isFalse();
        assertThat(Transactions.isRetryable(new IllegalStateException("no cause"))).isFalse();
    }
}
