package org.clinic.scheduling.identity.rest;

import org.clinic.common.validation.PlausibleTime;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import org.clinic.common.problem.Problem;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.ratelimit.ClientAddress;
import org.clinic.scheduling.identity.IdentityConfig;
import org.clinic.scheduling.identity.Role;
import org.clinic.scheduling.identity.UserAccount;
import org.clinic.scheduling.identity.service.AuthService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Sign-up, sign-in and sessions. The refresh token travels in the body (integrators) and as an
 * {@code HttpOnly; Secure; SameSite=Strict} cookie scoped to this path (the single-page app).
 */
@Path("/api/v1/auth")
@Tag(name = "Authentication", description = "Registration, login, token refresh and logout")
@APIResponse(responseCode = "429", description = "Too many attempts; see Retry-After")
public class AuthResource {

    static final String REFRESH_COOKIE = "clinic_refresh";
    private static final String COOKIE_PATH = "/api/v1/auth";

    private final AuthService auth;
    private final IdentityConfig config;
    private final JsonWebToken caller;
    private final ObjectMapper mapper;

    public AuthResource(AuthService auth, IdentityConfig config, JsonWebToken caller, ObjectMapper mapper) {
        this.auth = auth;
        this.config = config;
        this.caller = caller;
        this.mapper = mapper;
    }

    @Schema(name = "Registration")
    public record RegisterRequest(
            @NotBlank @Email @Size(max = 254) @Schema(example = "ana.silva@example.org") String email,
            @NotBlank @Schema(example = "correct horse battery staple", description = "12 characters or more, at most 72 bytes, not containing your e-mail or name") String password,
            @NotBlank @Size(max = 100) @Schema(example = "Ana") String firstName,
            @NotBlank @Size(max = 100) @Schema(example = "Silva") String lastName,
            @NotNull @Past @PlausibleTime @Schema(example = "1987-04-12") LocalDate dateOfBirth,
            @Pattern(regexp = "\\+?[0-9 ()-]{6,20}", message = "must be a phone number") @Schema(example = "+351 912 345 678") String phone) {
    }

    @Schema(name = "Login")
    public record LoginRequest(@NotBlank @Schema(example = "ana.silva@example.org") String email,
                               @NotBlank @Schema(example = "correct horse battery staple") String password) {
    }

    @Schema(name = "RefreshRequest", description = "Omit the body to use the refresh cookie")
    @io.quarkus.runtime.annotations.RegisterForReflection // read by ObjectMapper directly
    public record RefreshRequest(@Schema(example = "q8Yb0cN1...") String refreshToken) {
    }

    @Schema(name = "PasswordChange")
    public record PasswordChangeRequest(@NotBlank String currentPassword, @NotBlank String newPassword) {
    }

    @Schema(name = "Tokens")
    public record TokenResponse(
            @Schema(description = "RS256 JWT for the Authorization: Bearer header") String accessToken,
            @Schema(example = "Bearer") String tokenType,
            @Schema(description = "Seconds until the access token expires", example = "900") long expiresIn,
            @Schema(description = "Opaque, single-use; also set as the clinic_refresh cookie") String refreshToken,
            Instant refreshExpiresAt) {
    }

    @Schema(name = "Me")
    public record MeResponse(UUID id, String email, Set<Role> roles, String firstName, String lastName,
                             UUID patientId, UUID doctorId) {
        static MeResponse of(UserAccount user) {
            return new MeResponse(user.id, user.email, user.roleSet(), user.firstName, user.lastName,
                    user.patientId, user.doctorId);
        }
    }

    @POST
    @Path("/register")
    @PermitAll
    @Operation(summary = "Register as a patient (creates the account and the patient profile) and sign in")
    @APIResponse(responseCode = "201", description = "Registered and signed in; Location is the patient profile",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid field, e.g. a weak password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "weak password", value = """
                            {"type":"urn:clinic:problem:validation-failed","title":"Validation failed","status":400,
                             "detail":"password: must be at least 12 characters long","instance":"/api/v1/auth/register",
                             "code":"VALIDATION_FAILED","errors":[{"field":"password","message":"must be at least 12 characters long"}]}""")))
    @APIResponse(responseCode = "409", description = "The e-mail is already registered (code EMAIL_TAKEN)")
    public Uni<RestResponse<TokenResponse>> register(@Valid @NotNull RegisterRequest request, HttpServerRequest http) {
        return auth.register(new AuthService.Registration(request.email(), request.password(), request.firstName(),
                        request.lastName(), request.dateOfBirth(), request.phone()), ClientAddress.of(http))
                .map(session -> withTokens(RestResponse.ResponseBuilder.<TokenResponse>created(
                        URI.create("/api/v1/patients/" + session.user().patientId)), session));
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Sign in with e-mail and password")
    @APIResponse(responseCode = "200", description = "Signed in",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Wrong e-mail or password, or disabled account (code INVALID_CREDENTIALS)")
    public Uni<RestResponse<TokenResponse>> login(@Valid @NotNull LoginRequest request, HttpServerRequest http) {
        return auth.login(request.email(), request.password(), ClientAddress.of(http))
                .map(session -> withTokens(RestResponse.ResponseBuilder.ok(), session));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(summary = "Exchange a refresh token (body or cookie) for new tokens; the old one is spent")
    @APIResponse(responseCode = "200", description = "New access and refresh tokens",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Unknown, expired or reused refresh token (codes INVALID_REFRESH_TOKEN, REFRESH_TOKEN_REUSED)")
    // The single-page app posts with only its cookie: no body, no content type.
    @Consumes(MediaType.WILDCARD)
    public Uni<RestResponse<TokenResponse>> refresh(@RequestBody(content = @Content(
                                                            schema = @Schema(implementation = RefreshRequest.class))) String body,
                                                    @RestCookie(REFRESH_COOKIE) String cookie, HttpServerRequest http) {
        return auth.refresh(presented(body, cookie), ClientAddress.of(http))
                .map(session -> withTokens(RestResponse.ResponseBuilder.ok(), session));
    }

    @POST
    @Path("/logout")
    @PermitAll
    @Operation(summary = "End the session of a refresh token (body or cookie) and clear the cookie")
    @APIResponse(responseCode = "204", description = "Signed out (also when the token was already invalid)")
    // The single-page app posts with only its cookie: no body, no content type.
    @Consumes(MediaType.WILDCARD)
    public Uni<RestResponse<Void>> logout(@RequestBody(content = @Content(
                                                  schema = @Schema(implementation = RefreshRequest.class))) String body,
                                          @RestCookie(REFRESH_COOKIE) String cookie) {
        return auth.logout(presented(body, cookie))
                .map(done -> RestResponse.ResponseBuilder.<Void>noContent().cookie(refreshCookie("", 0)).build());
    }

    @GET
    @Path("/me")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The signed-in account")
    @APIResponse(responseCode = "200", description = "The caller's account")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    public Uni<MeResponse> me() {
        return auth.me(UUID.fromString(caller.getSubject())).map(MeResponse::of);
    }

    @POST
    @Path("/password")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Change your password; ends your other sessions")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "Wrong current password or weak new one")
    public Uni<RestResponse<Void>> changePassword(@Valid @NotNull PasswordChangeRequest request) {
        return auth.changePassword(UUID.fromString(caller.getSubject()), request.currentPassword(), request.newPassword())
                .map(done -> RestResponse.<Void>noContent());
    }

    /**
     * The token from a JSON body if there is one, else from the cookie. The body is read as text so
     * that a cookie-only request, with no body and whatever content type, is accepted.
     */
    private String presented(String body, String cookie) {
        if (body != null && !body.isBlank()) {
            try {
                RefreshRequest request = mapper.readValue(body, RefreshRequest.class);
                if (request != null && request.refreshToken() != null && !request.refreshToken().isBlank()) {
                    return request.refreshToken();
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw ProblemException.invalidField("refreshToken", "the body must be {\"refreshToken\": \"...\"}");
            }
        }
        return cookie;
    }

    private RestResponse<TokenResponse> withTokens(RestResponse.ResponseBuilder<TokenResponse> builder,
                                                   AuthService.Session session) {
        long refreshSeconds = Math.max(0, session.refresh().expiresAt().getEpochSecond() - Instant.now().getEpochSecond());
        return builder.entity(new TokenResponse(session.access().token(), "Bearer", session.access().expiresInSeconds(),
                        session.refresh().token(), session.refresh().expiresAt()))
                .cookie(refreshCookie(session.refresh().token(), (int) refreshSeconds))
                .build();
    }

    private NewCookie refreshCookie(String value, int maxAgeSeconds) {
        return new NewCookie.Builder(REFRESH_COOKIE)
                .value(value)
                .path(COOKIE_PATH)
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure(config.refreshCookieSecure())
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
