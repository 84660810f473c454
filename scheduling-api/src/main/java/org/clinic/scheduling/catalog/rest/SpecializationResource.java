package org.clinic.scheduling.catalog.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.paging.Versions;
import org.clinic.common.problem.Problem;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.scheduling.catalog.Specialization;
import org.clinic.scheduling.catalog.service.SpecializationService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/specializations")
@Tag(name = "Catalog", description = "Specializations and locations managed by admins")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class SpecializationResource {

    private final SpecializationService service;
    private final JsonWebToken token;

    public SpecializationResource(SpecializationService service, JsonWebToken token) {
        this.service = service;
        this.token = token;
    }

    @Schema(name = "SpecializationCreate")
    public record SpecializationCreate(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                    message = "must be lower-case letters, digits and dashes")
            @Schema(example = "cardiology") String code,
            @NotBlank @Size(max = 200) @Schema(example = "Cardiology") String name) {
    }

    @Schema(name = "SpecializationUpdate")
    public record SpecializationUpdate(@NotBlank @Size(max = 200) @Schema(example = "Cardiology") String name) {
    }

    @Schema(name = "Specialization")
    public record SpecializationView(UUID id, @Schema(example = "cardiology") String code,
                                     @Schema(example = "Cardiology") String name,
                                     @Schema(description = "When it was retired; null while in use") Instant retiredAt) {
        static SpecializationView of(Specialization s) {
            return new SpecializationView(s.id, s.code, s.name, s.retiredAt);
        }
    }

    @POST
    @RolesAllowed("ADMIN")
    @Operation(summary = "Add a specialization to the catalog")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SpecializationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "blank code", value = """
                            {"type":"urn:clinic:problem:validation-failed","title":"Validation failed","status":400,
                             "detail":"code: must not be blank","instance":"/api/v1/specializations",
                             "code":"VALIDATION_FAILED","errors":[{"field":"code","message":"must not be blank"}]}""")))
    @APIResponse(responseCode = "403", description = "Caller is not an admin")
    @APIResponse(responseCode = "409", description = "The code is already in the catalog")
    public Uni<RestResponse<SpecializationView>> createSpecialization(@Valid @NotNull SpecializationCreate request,
                                                                     UriInfo uri) {
        return service.create(request.code(), request.name())
                .map(saved -> RestResponse.ResponseBuilder.<SpecializationView>created(location(uri, saved.id))
                        .entity(SpecializationView.of(saved)).build());
    }

    @GET
    @Authenticated
    @Operation(summary = "List the specializations of the catalog, by name; retired ones only for admins who ask")
    @APIResponse(responseCode = "200", description = "One page of specializations")
    @APIResponse(responseCode = "400", description = "Invalid paging parameters")
    @APIResponse(responseCode = "403", description = "includeRetired asked by someone who is not an admin")
    public Uni<Page<SpecializationView>> listSpecializations(
            @Parameter(description = "Also list retired specializations (admins)") @RestQuery @DefaultValue("false") boolean includeRetired,
            @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (includeRetired && !Caller.of(token).is("ADMIN")) {
            return Uni.createFrom().failure(ProblemException.forbidden("Only admins list retired specializations"));
        }
        return service.list(page, size, includeRetired).map(found -> found.map(SpecializationView::of));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Get one specialization, retired or not (history refers to it)")
    @APIResponse(responseCode = "200", description = "The specialization, with its ETag")
    @APIResponse(responseCode = "404", description = "No such specialization")
    public Uni<RestResponse<SpecializationView>> getSpecialization(@RestPath UUID id) {
        return service.get(id).map(SpecializationResource::withVersion);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Rename a specialization (its code stays); If-Match must carry the ETag of your last read")
    @APIResponse(responseCode = "200", description = "The renamed specialization, with its new ETag")
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "403", description = "Caller is not an admin")
    @APIResponse(responseCode = "404", description = "No such specialization")
    @APIResponse(responseCode = "412", description = "Changed since your read (STALE_VERSION)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<SpecializationView>> updateSpecialization(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
                                                                      @Valid @NotNull SpecializationUpdate request) {
        int version = Versions.fromIfMatch(ifMatch);
        return service.rename(id, version, request.name()).map(SpecializationResource::withVersion);
    }

    @POST
    @Path("/{id}/retire")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Retire a specialization: hidden from the list and refused for new doctors, kept where used; "
            + "If-Match must carry the ETag of your last read")
    @APIResponse(responseCode = "200", description = "The retired specialization, with its new ETag")
    @APIResponse(responseCode = "403", description = "Caller is not an admin")
    @APIResponse(responseCode = "404", description = "No such specialization")
    @APIResponse(responseCode = "412", description = "Changed since your read (STALE_VERSION)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<SpecializationView>> retireSpecialization(@RestPath UUID id, @RestHeader("If-Match") String ifMatch) {
        int version = Versions.fromIfMatch(ifMatch);
        return service.retire(id, version).map(SpecializationResource::withVersion);
    }

    private static RestResponse<SpecializationView> withVersion(Specialization specialization) {
        return RestResponse.ResponseBuilder.ok(SpecializationView.of(specialization))
                .tag(Versions.etag(specialization.version)).build();
    }

    private static URI location(UriInfo uri, UUID id) {
        return uri.getBaseUriBuilder().path("api/v1/specializations").path(id.toString()).build();
    }
}
