package org.clinic.scheduling.identity.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.security.Caller;
import org.clinic.common.paging.Versions;
import org.clinic.scheduling.identity.AccountAudit;
import org.clinic.scheduling.identity.Role;
import org.clinic.scheduling.identity.UserAccount;
import org.clinic.scheduling.identity.service.UserAdminService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Account administration: admins only, each change audited. Logins get reach (roles, a doctor or
 * patient profile) only here; see AccountRules for the combinations refused.
 */
@Path("/api/v1/users")
@RolesAllowed("ADMIN")
@Tag(name = "Users", description = "Staff, doctor and admin accounts (admins only)")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Caller is not an admin")
public class UserResource {

    private final UserAdminService users;
    private final JsonWebToken caller;

    public UserResource(UserAdminService users, JsonWebToken caller) {
        this.users = users;
        this.caller = caller;
    }

    @Schema(name = "UserCreate")
    public record UserCreate(
            @NotBlank @Email @Size(max = 254) @Schema(example = "dr.costa@clinic.example") String email,
            @NotBlank @Schema(example = "a long initial passphrase") String password,
            @NotBlank @Size(max = 100) @Schema(example = "Rui") String firstName,
            @NotBlank @Size(max = 100) @Schema(example = "Costa") String lastName,
            @NotEmpty @Schema(example = "[\"DOCTOR\"]") Set<@NotNull Role> roles,
            @Schema(description = "The doctor profile this login belongs to (DOCTOR logins only; one login per profile)")
            UUID doctorId) {
    }

    @Schema(name = "UserUpdate")
    public record UserUpdate(
            @NotBlank @Size(max = 100) @Schema(example = "Rui") String firstName,
            @NotBlank @Size(max = 100) @Schema(example = "Costa") String lastName,
            @NotEmpty @Schema(example = "[\"DOCTOR\"]") Set<@NotNull Role> roles,
            @Schema(description = "Link to a doctor profile (DOCTOR only); null unlinks") UUID doctorId,
            @Schema(description = "Link to a patient profile (PATIENT only); null unlinks") UUID patientId,
            @Schema(description = "False disables the login, as POST /disable does") boolean enabled) {
    }

    @Schema(name = "AccountAuditEntry")
    public record AuditView(Instant at, UUID actorId, String action, String detail) {
        static AuditView of(AccountAudit entry) {
            return new AuditView(entry.at, entry.actorId, entry.action, entry.detail);
        }
    }

    @Schema(name = "PasswordReset")
    public record PasswordReset(@NotBlank String newPassword) {
    }

    @Schema(name = "User")
    public record UserView(UUID id, String email, Set<Role> roles, String firstName, String lastName,
                           UUID patientId, UUID doctorId, boolean enabled, Instant createdAt) {
        static UserView of(UserAccount user) {
            return new UserView(user.id, user.email, user.roleSet(), user.firstName, user.lastName,
                    user.patientId, user.doctorId, user.enabled, user.createdAt);
        }
    }

    @POST
    @Operation(summary = "Create a doctor, staff or admin account")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "Invalid field (weak password, PATIENT role, ADMIN with DOCTOR, "
            + "a doctorId on a non-DOCTOR login or of no active doctor, ...)")
    @APIResponse(responseCode = "409", description = "E-mail already used (EMAIL_TAKEN), or the doctor profile "
            + "already has a login (PROFILE_ALREADY_LINKED)")
    public Uni<RestResponse<UserView>> createUser(@Valid @NotNull UserCreate request) {
        return users.create(new UserAdminService.NewAccount(request.email(), request.password(), request.firstName(),
                        request.lastName(), request.roles(), request.doctorId()), actor())
                .map(user -> RestResponse.ResponseBuilder.<UserView>created(URI.create("/api/v1/users/" + user.id))
                        .entity(UserView.of(user)).tag(Versions.etag(user.version)).build());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Change an account's names, roles, profile links and enabled flag; If-Match must carry "
            + "the ETag of your last read. A change of roles, links or a disable ends the account's sessions.")
    @APIResponse(responseCode = "200", description = "The updated account, with its new ETag")
    @APIResponse(responseCode = "400", description = "A refused combination of roles and links (the field is named)")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "409", description = "The profile already has a login (PROFILE_ALREADY_LINKED), "
            + "or an admin demoting or disabling themself (CANNOT_DEMOTE_SELF)")
    @APIResponse(responseCode = "412", description = "Changed since your read (STALE_VERSION)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<UserView>> updateUser(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
                                                  @Valid @NotNull UserUpdate request) {
        int version = Versions.fromIfMatch(ifMatch);
        return users.update(id, version, new UserAdminService.AccountChange(request.firstName(), request.lastName(),
                        request.roles(), request.doctorId(), request.patientId(), request.enabled()), actor())
                .map(user -> RestResponse.ResponseBuilder.ok(UserView.of(user)).tag(Versions.etag(user.version)).build());
    }

    @GET
    @Path("/{id}/audit")
    @Operation(summary = "What admins did to an account, newest first")
    @APIResponse(responseCode = "200", description = "One page of audit entries")
    @APIResponse(responseCode = "404", description = "No such account")
    public Uni<Page<AuditView>> getUserAudit(@RestPath UUID id, @RestQuery @DefaultValue("0") @Min(0) int page,
                                             @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return users.audit(id, page, size).map(found -> found.map(AuditView::of));
    }

    @GET
    @Operation(summary = "List accounts by e-mail, or find the one with an e-mail")
    @APIResponse(responseCode = "200", description = "One page of accounts")
    public Uni<Page<UserView>> listUsers(@RestQuery @Email @Size(max = 254) String email,
                                         @RestQuery @DefaultValue("0") @Min(0) int page,
                                         @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return users.list(email, page, size).map(found -> found.map(UserView::of));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get one account")
    @APIResponse(responseCode = "200", description = "The account")
    @APIResponse(responseCode = "404", description = "No such account")
    public Uni<RestResponse<UserView>> getUser(@RestPath UUID id) {
        return users.get(id).map(user -> RestResponse.ResponseBuilder.ok(UserView.of(user))
                .tag(Versions.etag(user.version)).build());
    }

    @POST
    @Path("/{id}/disable")
    @Operation(summary = "Disable an account: no more logins or refreshes")
    @APIResponse(responseCode = "200", description = "Disabled")
    @APIResponse(responseCode = "409", description = "An admin cannot disable their own account")
    public Uni<UserView> disableUser(@RestPath UUID id) {
        return users.setEnabled(id, false, actor()).map(UserView::of);
    }

    @POST
    @Path("/{id}/enable")
    @Operation(summary = "Enable a disabled account")
    @APIResponse(responseCode = "200", description = "Enabled")
    public Uni<UserView> enableUser(@RestPath UUID id) {
        return users.setEnabled(id, true, actor()).map(UserView::of);
    }

    @POST
    @Path("/{id}/password")
    @Operation(summary = "Set a new password for an account; ends its sessions")
    @APIResponse(responseCode = "204", description = "Password reset")
    @APIResponse(responseCode = "400", description = "Weak password")
    public Uni<RestResponse<Void>> resetPassword(@RestPath UUID id, @Valid @NotNull PasswordReset request) {
        return users.resetPassword(id, request.newPassword(), actor()).map(done -> RestResponse.<Void>noContent());
    }

    /** The acting admin's account id (null if an external issuer's subject is not one of ours). */
    private UUID actor() {
        return Caller.of(caller).userId();
    }
}
