package org.clinic.notifier;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.common.testing.EventConsumerContract;
import org.clinic.common.testing.JwtTestKeys;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class NotifierEventConsumerTest extends EventConsumerContract {

    @Override
    protected String deadLetterQueue() {
        return "notifier.events.dlq";
    }

    @Override
    protected String exampleEventFile() {
        return "scheduling.specialization.created.json";
    }
}
