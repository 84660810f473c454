package org.clinic.scheduling.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.events.EventTrust;
import org.clinic.common.outbox.OutboxRelay;
import org.clinic.common.outbox.OutboxWriter;
import org.clinic.common.testing.EventExamples;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class OutboxRelayTest {

    @Inject
    Pool database;

    @Inject
    ObjectMapper mapper;

    @Inject
    OutboxWriter outbox;

    @Inject
    EventTrust trust;

    @Test
    void aCommittedChangeReachesTheExchangeAsTheDocumentedCloudEvent() throws Exception {
        JsonNode example = mapper.readTree(EventExamples.read("scheduling.specialization.created.json"));
        try (TestBroker broker = new TestBroker()) {
            String queue = broker.tap(CloudEvent.routingKeyOf(example.path("type").asText()));
            String code = "spec-" + UUID.randomUUID().toString().substring(0, 8);
            String id = given().auth().oauth2(TestTokens.withRoles("ADMIN"))
                    .contentType(ContentType.JSON).body(Map.of("code", code, "name", "Neurology"))
                    .post("/api/v1/specializations")
                    .then().statusCode(201).extract().path("id");

            AtomicReference<GetResponse> delivered = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                GetResponse message;
                while ((message = broker.take(queue)) != null) {
                    if (id.equals(mapper.readTree(message.getBody()).path("subject").asText())) {
                        delivered.set(message);
                        return true;
                    }
                }
                return false;
            });

            GetResponse message = delivered.get();
            JsonNode event = mapper.readTree(message.getBody());
            assertThat(message.getProps().getContentType()).isEqualTo("application/cloudevents+json");
            assertThat(message.getProps().getMessageId()).isEqualTo(event.path("id").asText());
            assertThat(message.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(fieldNames(event)).isEqualTo(fieldNames(example));
            assertThat(fieldNames(event.path("data"))).isEqualTo(fieldNames(example.path("data")));
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo(example.path("type").asText());
            assertThat(event.path("source").asText()).isEqualTo("/scheduling-api");
            assertThat(event.path("data").path("code").asText()).isEqualTo(code);
            assertThat(event.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*(Z|[+-]\\d\\d:\\d\\d)");
            // Signed by scheduling-api as it left: a consumer holding its public key trusts it, and only unchanged.
            CloudEvent signed = mapper.readValue(message.getBody(), CloudEvent.class);
            trust.check(signed);
            ((com.fasterxml.jackson.databind.node.ObjectNode) event.path("data")).put("name", "Forged");
            assertThatThrownBy(() -> trust.check(mapper.treeToValue(event, CloudEvent.class)))
                    .hasMessageContaining("signature");

            await().atMost(Duration.ofSeconds(5)).until(() -> database
                    .preparedQuery("select sent_at is not null from outbox_event where id = $1")
                    .execute(Tuple.of(UUID.fromString(event.path("id").asText())))
                    .await().atMost(Duration.ofSeconds(5))
                    .iterator().next().getBoolean(0));
        }
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverStored() {
        String subject = UUID.randomUUID().toString();
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() ->
                outbox.append("clinic.scheduling.test.rolledback.v1", subject, Map.of("n", 1))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("change failed"))))))
                .hasMessageContaining("change failed");

        assertThat(outboxRows(subject)).isZero();
    }

    @Test
    void anEventCannotBeWrittenOutsideATransaction() {
        String subject = UUID.randomUUID().toString();
        assertThatThrownBy(() -> VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() ->
                outbox.append("clinic.scheduling.test.orphan.v1", subject, Map.of("n", 1)))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(outboxRows(subject)).isZero();
    }

    private long outboxRows(String subject) {
        return database.preparedQuery("select count(*) from outbox_event where subject = $1")
                .execute(Tuple.of(subject)).await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
