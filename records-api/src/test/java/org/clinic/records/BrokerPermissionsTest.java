package org.clinic.records;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * records-api's own broker user (deploy/local/infra.sh) may publish its own routing keys on
 * clinic.events and nothing else: a compromised records-api cannot forge a scheduling event.
 */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class BrokerPermissionsTest {

    @ConfigProperty(name = "rabbitmq-username")
    String username;

    @ConfigProperty(name = "rabbitmq-password")
    String password;

    @Test
    void recordsApiPublishesOnlyRecordsRoutingKeys() throws Exception {
        try (TestBroker asRecords = new TestBroker(username, password)) {
            assertThatCode(() -> asRecords.publishConfirmed("records.permission.checked", "{}")).doesNotThrowAnyException();
        }
        try (TestBroker asRecords = new TestBroker(username, password)) {
            assertThatThrownBy(() -> asRecords.publishConfirmed("scheduling.appointment.booked", "{}"))
                    .hasStackTraceContaining("ACCESS_REFUSED");
        }
    }
}
