package org.clinic.scheduling.identity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.clinic.common.testing.JwtTestKeys;
import org.clinic.common.testing.TestTokens;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(JwtTestKeys.class)
class UserAdminTest {

    private static String createUser(String email, List<String> roles) {
        return given().auth().oauth2(TestTokens.withRoles("ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", Accounts.PASSWORD, "firstName", "Rui", "lastName", "Costa",
                        "roles", roles))
                .when().post("/api/v1/users")
                .then().statusCode(201).body("roles", equalTo(roles)).extract().path("id");
    }

    @Test
    void aDisabledAccountCannotLogInNorRefreshUntilEnabledAgain() {
        String email = Accounts.uniqueEmail();
        String id = createUser(email, List.of("STAFF"));
        String refresh = Accounts.login(email, Accounts.PASSWORD).path("refreshToken");
        String admin = TestTokens.withRoles("ADMIN");

        given().auth().oauth2(admin).post("/api/v1/users/" + id + "/disable")
                .then().statusCode(200).body("enabled", equalTo(false));
        assertThat(Accounts.login(email, Accounts.PASSWORD).statusCode()).isEqualTo(401);
        assertThat(Accounts.refresh(refresh).statusCode()).isEqualTo(401);

        given().auth().oauth2(admin).post("/api/v1/users/" + id + "/enable").then().statusCode(200);
        assertThat(Accounts.login(email, Accounts.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void anAdminResetsAPasswordAndTheOldOneStopsWorking() {
        String email = Accounts.uniqueEmail();
        String id = createUser(email, List.of("DOCTOR"));
        given().auth().oauth2(TestTokens.withRoles("ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("newPassword", "a brand new passphrase"))
                .when().post("/api/v1/users/" + id + "/password")
                .then().statusCode(204);
        assertThat(Accounts.login(email, Accounts.PASSWORD).statusCode()).isEqualTo(401);
        assertThat(Accounts.login(email, "a brand new passphrase").statusCode()).isEqualTo(200);
    }

    @Test
    void adminsDoNotCreatePatientAccounts() {
        given().auth().oauth2(TestTokens.withRoles("ADMIN")).contentType(ContentType.JSON)
                .body(Map.of("email", Accounts.uniqueEmail(), "password", Accounts.PASSWORD, "firstName", "A",
                        "lastName", "B", "roles", List.of("PATIENT")))
                .when().post("/api/v1/users")
                .then().statusCode(400).body("errors.field", hasItem("roles"));
    }

    @Test
    void onlyAdminsManageAccounts() {
        for (String role : new String[] {"PATIENT", "DOCTOR", "STAFF"}) {
            given().auth().oauth2(TestTokens.withRoles(role)).when().get("/api/v1/users")
                    .then().statusCode(403).body("code", equalTo("FORBIDDEN"));
        }
        given().auth().oauth2(TestTokens.withRoles("ADMIN")).when().get("/api/v1/users")
                .then().statusCode(200).body("page", equalTo(0));
    }
}
