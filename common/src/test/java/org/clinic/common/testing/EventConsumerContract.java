package org.clinic.common.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rabbitmq.client.GetResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.clinic.common.events.CloudEvent;
import org.junit.jupiter.api.Test;

/**
 * How every consumer of {@code clinic.events} must behave, through the real broker: a documented
 * event is processed, a redelivered one is processed once, a malformed one ends in the service's
 * dead-letter queue. Each consuming service's test extends it.
 */
public abstract class EventConsumerContract {

    @Inject
    Pool database;

    @Inject
    ObjectMapper mapper;

    /** The dead-letter queue of the service under test. */
    protected abstract String deadLetterQueue();

    /** A documented example event (file under deploy/events/) that the service consumes. */
    protected abstract String exampleEventFile();

    @Test
    void consumesADocumentedEventFromTheExchange() throws Exception {
        String id = UUID.randomUUID().toString();
        try (TestBroker broker = new TestBroker()) {
            publishExample(broker, id);
            await().atMost(Duration.ofSeconds(15)).until(() -> processedCount(id) == 1);
        }
    }

    @Test
    void aRedeliveredEventIsProcessedOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        try (TestBroker broker = new TestBroker()) {
            publishExample(broker, id);
            publishExample(broker, id);
            // A later event on the same queue: once it is processed, both copies before it were seen.
            publishExample(broker, marker);
            await().atMost(Duration.ofSeconds(15)).until(() -> processedCount(marker) == 1);
            assertThat(processedCount(id)).isEqualTo(1);
        }
    }

    @Test
    void aMalformedMessageIsDeadLettered() throws Exception {
        String messageId = UUID.randomUUID().toString();
        try (TestBroker broker = new TestBroker()) {
            broker.publish(routingKey(), messageId, "{\"specversion\": \"1.0\", \"not\": \"an event\"}");
            AtomicReference<GetResponse> found = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                GetResponse message;
                while ((message = broker.take(deadLetterQueue())) != null) {
                    if (messageId.equals(message.getProps().getMessageId())) {
                        found.set(message);
                        return true;
                    }
                }
                return false;
            });
            assertThat(found.get().getProps().getMessageId()).isEqualTo(messageId);
        }
    }

    private void publishExample(TestBroker broker, String id) throws Exception {
        ObjectNode event = (ObjectNode) mapper.readTree(EventExamples.read(exampleEventFile()));
        event.put("id", id);
        broker.publish(routingKey(), id, TestEventSigner.sign(event).toString());
    }

    private String routingKey() throws Exception {
        return CloudEvent.routingKeyOf(mapper.readTree(EventExamples.read(exampleEventFile())).path("type").asText());
    }

    private long processedCount(String eventId) {
        return TestDatabase.count(database, "select count(*) from processed_event where event_id = $1", eventId);
    }
}
