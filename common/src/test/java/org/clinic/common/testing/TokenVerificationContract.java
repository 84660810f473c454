package org.clinic.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ClientProxy;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import org.clinic.common.security.VerifiedTokens;
import org.junit.jupiter.api.Test;

/**
 * Every service verifies access tokens the same way: a good one passes, each bad one (wrong for
 * exactly one reason) gets 401 with a problem body. Each service's test extends it.
 */
public abstract class TokenVerificationContract {

    private static final String PROTECTED = "/api/v1/token";

    @Test
    void aValidTokenIsAccepted() {
        given().auth().oauth2(TestTokens.withRoles("DOCTOR")).when().get(PROTECTED)
                .then().statusCode(200).body("roles", hasItem("DOCTOR")).body("issuer", equalTo(JwtTestKeys.ISSUER));
    }

    @Test
    void anExpiredTokenIsRefused() {
        refused(TestTokens.expired());
    }

    @Test
    void anUnsignedTokenIsRefused() {
        refused(TestTokens.unsigned());
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() {
        refused(TestTokens.signedByAnotherKey());
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        refused(TestTokens.fromIssuer("https://somebody-else.example"));
    }

    @Test
    void aTamperedTokenIsRefused() {
        refused(TestTokens.tampered());
    }

    @Test
    void aTokenAcceptedBeforeIsRefusedOnceEdited() {
        String token = TestTokens.withRoles("PATIENT");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).when().get(PROTECTED).then().statusCode(200).body("roles", hasItem("PATIENT"));
        }
        refused(TestTokens.raisedToAdmin(token));
    }

    @Test
    void tokensAreVerifiedThroughTheVerifierThatRemembersThem() {
        // The replacement must win over smallrye-jwt's own factory, or every request verifies again.
        // Checked in process (@QuarkusTest); the packaged-jar run of this contract has no container to ask.
        assumeTrue(Arc.container() != null, "in-process only");
        assertInstanceOf(VerifiedTokens.class,
                ClientProxy.unwrap(Arc.container().select(JWTCallerPrincipalFactory.class).get()));
    }

    @Test
    void noTokenIsRefused() {
        given().when().get(PROTECTED).then().statusCode(401).contentType("application/problem+json");
    }

    private static void refused(String token) {
        given().auth().oauth2(token).when().get(PROTECTED)
                .then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHENTICATED"));
    }
}
