package org.clinic.records;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.common.testing.EventConsumerContract;
import org.clinic.common.testing.JwtTestKeys;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class RecordsApiEventConsumerTest extends EventConsumerContract {

    @Override
    protected String deadLetterQueue() {
        return "records-api.events.dlq";
    }

    @Override
    protected String exampleEventFile() {
        return "scheduling.specialization.created.json";
    }
}
