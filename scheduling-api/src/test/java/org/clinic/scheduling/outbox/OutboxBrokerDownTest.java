package org.clinic.scheduling.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.outbox.OutboxRelay;
import org.clinic.common.outbox.OutboxWriter;
import org.clinic.common.testing.JwtTestKeys;
import org.junit.jupiter.api.Test;

/**
 * With the broker unreachable, a round gives its rows back at once (free for the next round, not
 * leased for a minute) and writes stop waking rounds until the next poll: no round after round
 * claiming the whole backlog while nothing can leave.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
@TestProfile(OutboxBrokerDownTest.NoBroker.class)
class OutboxBrokerDownTest {

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rabbitmq-port", "1", "clinic.outbox.poll-interval", "1h", "clinic.outbox.batch-size", "5");
        }
    }

    private static final String TYPE = "clinic.scheduling.test.stranded.v1";

    @Inject
    OutboxWriter outbox;

    @Inject
    Pool database;

    @Inject
    OutboxRelay relay;

    @Test
    void rowsAreGivenBackAtOnceAndNoRoundFollowsAnother() throws Throwable {
        Thread.sleep(2_000); // the scheduled round one second after start
        // Rows other test classes left unsent are claimed first (oldest first): count over all of them.
        database.query("update outbox_event set lease_until = null where sent_at is null").execute()
                .await().atMost(Duration.ofSeconds(5));
        int before = totalAttempts();
        String batch = UUID.randomUUID().toString();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
            Uni<CloudEvent> writes = Uni.createFrom().nullItem();
            for (int i = 0; i < 12; i++) {
                int n = i;
                writes = writes.chain(() -> outbox.append(TYPE, batch + "-" + n, Map.of("n", n)));
            }
            return writes;
        }));
        relay.relayOnce().await().atMost(Duration.ofSeconds(30));

        // The round tried one batch (five rows), then gave them back; no round followed it.
        Thread.sleep(1_000);
        assertThat(totalAttempts()).isEqualTo(before + 5);
        assertThat(leased()).isZero();
        outbox.written(); // a write while paused (until the next poll) wakes nothing
        Thread.sleep(500);
        assertThat(totalAttempts()).isEqualTo(before + 5);
        assertThat(unsent(batch)).isEqualTo(12);
    }

    private int totalAttempts() {
        return database.query("select coalesce(sum(attempts), 0)::int from outbox_event where sent_at is null").execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getInteger(0);
    }

    private long leased() {
        return database.query("select count(*) from outbox_event where sent_at is null and lease_until is not null").execute()
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }

    private long unsent(String batch) {
        return database.preparedQuery("select count(*) from outbox_event where subject like $1 and sent_at is null")
                .execute(Tuple.of(batch + "-%")).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong(0);
    }
}
