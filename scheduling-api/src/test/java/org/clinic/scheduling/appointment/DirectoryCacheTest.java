package org.clinic.scheduling.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** The doctor directory is served from Redis and shows every committed profile change at once. */
@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class DirectoryCacheTest {

    @Test
    void aNewOrDeactivatedDoctorIsSeenByTheNextListing() {
        UUID specialization = ClinicFixture.specialization();
        List<UUID> doctors = ListQueriesTest.addDoctors(specialization, 2);
        assertThat(listed(specialization)).containsExactlyInAnyOrderElementsOf(ids(doctors));
        double hits = SlotCacheTest.cacheHits("directory");
        assertThat(listed(specialization)).hasSize(2);
        assertThat(SlotCacheTest.cacheHits("directory")).as("the second listing came from the cache").isGreaterThan(hits);

        UUID added = ListQueriesTest.addDoctors(specialization, 1).get(0);
        assertThat(listed(specialization)).hasSize(3).contains(added.toString());

        given().auth().oauth2(ClinicFixture.admin()).delete("/api/v1/doctors/" + doctors.get(0)).then().statusCode(204);
        assertThat(listed(specialization)).hasSize(2).doesNotContain(doctors.get(0).toString());
    }

    private static List<String> listed(UUID specialization) {
        return given().auth().oauth2(TestTokens.withRoles("PATIENT")).queryParam("specialization", specialization)
                .get("/api/v1/doctors").then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    private static List<String> ids(List<UUID> ids) {
        return ids.stream().map(UUID::toString).toList();
    }
}
