package org.clinic.scheduling;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.PackagedServiceContract;

/** The packaged scheduling-api (jar, or native binary with -Dnative) against the real servers. */
@QuarkusIntegrationTest
@QuarkusTestResource(JwtTestKeys.class)
class SchedulingApiPackagedIT extends PackagedServiceContract {
}
