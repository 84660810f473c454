package org.clinic.scheduling.identity.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.clinic.scheduling.identity.service.SigningKey;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public key that verifies access tokens, as a JWK set (RFC 7517). */
@Path("/.well-known/jwks.json")
@Tag(name = "Authentication")
public class JwksResource {

    private final SigningKey signingKey;

    public JwksResource(SigningKey signingKey) {
        this.signingKey = signingKey;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public keys that verify access tokens (JWKS)")
    @APIResponse(responseCode = "200", description = "The JWK set")
    public Map<String, Object> jwks() {
        return signingKey.jwks();
    }
}
