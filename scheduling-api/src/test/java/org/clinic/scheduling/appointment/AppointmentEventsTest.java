package org.clinic.scheduling.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.clinic.common.testing.EventExamples;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class AppointmentEventsTest {

    @Inject
    Pool database;

    @Inject
    ObjectMapper mapper;

    @Test
    void eachChangeIsPublishedOnceInTheDocumentedShape() throws Exception {
        JsonNode example = mapper.readTree(EventExamples.read("scheduling.appointment.booked.json"));
        try (TestBroker broker = new TestBroker()) {
            String queue = broker.tap("scheduling.appointment.#");
            UUID doctor = ClinicFixture.doctor(false, 0);
            UUID patient = ClinicFixture.patient(database);
            String id = ClinicFixture.book(TestTokens.forPatient(patient), doctor, patient,
                    ClinicFixture.freeSlots(doctor).get(0)).path("id");
            ClinicFixture.move(TestTokens.forPatient(patient), id, "CANCELLED");

            List<JsonNode> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                GetResponse message;
                while ((message = broker.take(queue)) != null) {
                    JsonNode event = mapper.readTree(message.getBody());
                    if (id.equals(event.path("subject").asText())) {
                        mine.add(event);
                    }
                }
                return mine.size() >= 2;
            });
            assertThat(mine).extracting(e -> e.path("type").asText())
                    .containsExactly("clinic.scheduling.appointment.booked.v1", "clinic.scheduling.appointment.cancelled.v1");
            JsonNode booked = mine.get(0);
            assertThat(fieldNames(booked.path("data"))).isEqualTo(fieldNames(example.path("data")));
            assertThat(booked.path("data").path("doctor").path("name").asText()).isEqualTo("Dr. Ines Moreira");
            assertThat(booked.path("data").path("location").path("name").asText()).startsWith("Clinica ");
            assertThat(fieldNames(booked.path("data").path("patient"))).isEqualTo(fieldNames(example.path("data").path("patient")));
            assertThat(fieldNames(booked.path("data").path("doctor"))).isEqualTo(fieldNames(example.path("data").path("doctor")));
            assertThat(mine.get(1).path("data").path("changedBy").asText()).isEqualTo("PATIENT");
            assertThat(booked.path("data").path("start").asText()).matches(".*T.*(Z|[+-]\\d\\d:\\d\\d)");

            // Nothing more arrives for this appointment: one event per change.
            await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> {
                GetResponse message;
                while ((message = broker.take(queue)) != null) {
                    if (id.equals(mapper.readTree(message.getBody()).path("subject").asText())) {
                        mine.add(mapper.readTree(message.getBody()));
                    }
                }
                return true;
            });
            assertThat(mine).hasSize(2);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
