package org.clinic.records;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TokenVerificationContract;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class RecordsApiTokenVerificationTest extends TokenVerificationContract {
}
