package org.clinic.notifier;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestBroker;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** notifier's own broker user (deploy/local/infra.sh) consumes but may publish no event at all. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class BrokerPermissionsTest {

    @ConfigProperty(name = "rabbitmq-username")
    String username;

    @ConfigProperty(name = "rabbitmq-password")
    String password;

    @Test
    void notifierMayNotPublishEvents() throws Exception {
        for (String routingKey : new String[] {"scheduling.appointment.booked", "records.prescription.issued"}) {
            try (TestBroker asNotifier = new TestBroker(username, password)) {
                assertThatThrownBy(() -> asNotifier.publishConfirmed(routingKey, "{}")).hasStackTraceContaining("ACCESS_REFUSED");
            }
        }
    }
}
