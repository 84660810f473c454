package org.clinic.common.security;

import io.quarkus.security.Authenticated;
import java.time.Instant;
import java.util.Set;
import org.clinic.common.problem.Problem;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * How this service sees the caller's access token once verified: lets a client, or an operator
 * plugging in an external OpenID Connect provider, check the claims each service relies on.
 */
@Path("/api/v1/token")
@Tag(name = "Token", description = "The verified view of the caller's access token")
@SecurityRequirement(name = "bearer")
public class TokenInfoResource {

    private final JsonWebToken token;

    public TokenInfoResource(JsonWebToken token) {
        this.token = token;
    }

    @Schema(name = "TokenInfo")
    public record TokenInfo(
            @Schema(description = "User id (sub)") String subject,
            @Schema(description = "E-mail (upn)", example = "ana@example.org") String email,
            @Schema(example = "[\"PATIENT\"]") Set<String> roles,
            @Schema(description = "Present when the user is a patient") String patientId,
            @Schema(description = "Present when the user is a doctor") String doctorId,
            @Schema(example = "https://clinic.local") String issuer,
            Instant expiresAt) {
    }

    @GET
    @Authenticated
    @Operation(summary = "Describe the caller's verified access token")
    @APIResponse(responseCode = "200", description = "The claims this service uses")
    @APIResponse(responseCode = "401", description = "Missing, expired or invalid token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TokenInfo describeToken() {
        return new TokenInfo(token.getSubject(), token.getName(), token.getGroups(),
                ClinicClaims.patientId(token), ClinicClaims.doctorId(token), token.getIssuer(),
                Instant.ofEpochSecond(token.getExpirationTime()));
    }
}
