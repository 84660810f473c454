package org.clinic.records;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.clinic.common.testing.JwtTestKeys;

/** The byte-exact download, through the packaged jar (its own HTTP writers, not the test's). */
@QuarkusIntegrationTest
@QuarkusTestResource(JwtTestKeys.class)
class ReportBytesPackagedIT extends ReportBytesTest {
}
