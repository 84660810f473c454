package org.clinic.scheduling.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.outbox.OutboxWriter;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.junit.jupiter.api.Test;

/**
 * Events leave when they are written, not at the next poll: with the poll an hour apart and rounds
 * of 5, one wake after a commit of 12 events publishes all 12 (three rounds, each full one
 * followed at once by the next).
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
@TestProfile(OutboxWakeTest.HourlyPollSmallBatches.class)
class OutboxWakeTest {

    public static class HourlyPollSmallBatches implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clinic.outbox.poll-interval", "1h", "clinic.outbox.batch-size", "5");
        }
    }

    private static final String TYPE = "clinic.scheduling.test.woken.v1";

    @Inject
    OutboxWriter outbox;

    @Inject
    Pool database;

    @Inject
    ObjectMapper mapper;

    @Test
    void eventsLeaveAfterTheirCommitInBatchesWithoutWaitingForThePoll() throws Throwable {
        // The scheduled round runs once a second after start, then hourly: let that one pass first.
        Thread.sleep(2_000);
        String batch = UUID.randomUUID().toString();
        try (TestBroker broker = new TestBroker()) {
            String queue = broker.tap(CloudEvent.routingKeyOf(TYPE));
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> {
                Uni<CloudEvent> writes = Uni.createFrom().nullItem();
                for (int i = 0; i < 12; i++) {
                    int n = i;
                    writes = writes.chain(() -> outbox.append(TYPE, batch + "-" + n, Map.of("n", n)));
                }
                return writes;
            }));
            outbox.written(); // committed: as a writer inserting its own rows tells the relay

            Set<String> delivered = new HashSet<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                GetResponse message;
                while ((message = broker.take(queue)) != null) {
                    String subject = mapper.readTree(message.getBody()).path("subject").asText();
                    if (subject.startsWith(batch)) {
                        delivered.add(subject);
                    }
                }
                return delivered.size() == 12;
            });
            assertThat(delivered).hasSize(12);
            await().atMost(Duration.ofSeconds(10)).until(() -> unsent(batch) == 0);
        }
    }

    private long unsent(String batch) {
        return database.preparedQuery("select count(*) from outbox_event where subject like $1 and sent_at is null")
                .execute(Tuple.of(batch + "-%")).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    @Test
    void anEventTheBrokerRefusesHoldsBackNoOther() throws Throwable {
        Thread.sleep(2_000);
        String batch = UUID.randomUUID().toString();
        // records.* is not scheduling-api's to publish: the broker refuses it (topic permission).
        String refused = "clinic.records.test.forbidden.v1";
        try (TestBroker broker = new TestBroker()) {
            String queue = broker.tap(CloudEvent.routingKeyOf(TYPE));
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                    outbox.append(TYPE, batch + "-first", Map.of("n", 1))
                            .chain(() -> outbox.append(refused, batch + "-refused", Map.of("n", 2)))
                            .chain(() -> outbox.append(TYPE, batch + "-last", Map.of("n", 3)))));
            outbox.written();

            Set<String> delivered = new HashSet<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                GetResponse message;
                while ((message = broker.take(queue)) != null) {
                    delivered.add(mapper.readTree(message.getBody()).path("subject").asText());
                }
                return delivered.containsAll(Set.of(batch + "-first", batch + "-last"));
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> unsent(batch) == 1);
            assertThat(delivered).doesNotContain(batch + "-refused");
        } finally {
            // The refused row would be tried again every lease, in every later test run on this database.
            database.preparedQuery("delete from outbox_event where subject = $1").execute(Tuple.of(batch + "-refused"))
                    .await().atMost(Duration.ofSeconds(5));
        }
    }
}
