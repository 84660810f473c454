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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.Problem;
import org.clinic.scheduling.catalog.Specialization;
import org.clinic.scheduling.catalog.service.SpecializationService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/specializations")
@Tag(name = "Catalog", description = "Specializations and locations managed by admins")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class SpecializationResource {

    private final SpecializationService service;

    public SpecializationResource(SpecializationService service) {
        this.service = service;
    }

    @Schema(name = "SpecializationCreate")
    public record SpecializationCreate(
            @NotBlank @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
                    message = "must be lower-case letters, digits and dashes")
            @Schema(example = "cardiology") String code,
            @NotBlank @Size(max = 200) @Schema(example = "Cardiology") String name) {
    }

    @Schema(name = "Specialization")
    public record SpecializationView(UUID id, @Schema(example = "cardiology") String code,
                                     @Schema(example = "Cardiology") String name) {
        static SpecializationView of(Specialization s) {
            return new SpecializationView(s.id, s.code, s.name);
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
    @Operation(summary = "List the specializations of the catalog, by name")
    @APIResponse(responseCode = "200", description = "One page of specializations")
    @APIResponse(responseCode = "400", description = "Invalid paging parameters")
    public Uni<Page<SpecializationView>> listSpecializations(
            @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return service.list(page, size).map(found -> found.map(SpecializationView::of));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Get one specialization")
    @APIResponse(responseCode = "200", description = "The specialization")
    @APIResponse(responseCode = "404", description = "No such specialization")
    public Uni<SpecializationView> getSpecialization(@RestPath UUID id) {
        return service.get(id).map(SpecializationView::of);
    }

    private static URI location(UriInfo uri, UUID id) {
        return uri.getBaseUriBuilder().path("api/v1/specializations").path(id.toString()).build();
    }
}
