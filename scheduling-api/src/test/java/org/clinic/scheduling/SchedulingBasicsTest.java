package org.clinic.scheduling;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.ServiceBasicsContract;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class SchedulingBasicsTest extends ServiceBasicsContract {
}
