package org.clinic.scheduling.catalog.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.paging.Versions;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;

import org.clinic.scheduling.catalog.Location;
import org.clinic.scheduling.catalog.service.LocationService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/locations")
@Tag(name = "Catalog")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class LocationResource {

    private final LocationService locations;
    private final JsonWebToken token;

    public LocationResource(LocationService locations, JsonWebToken token) {
        this.locations = locations;
        this.token = token;
    }

    @Schema(name = "LocationCreate")
    public record LocationCreate(@NotBlank @Size(max = 200) @Schema(example = "Clinica Central") String name,
                                 @Size(max = 500) @Schema(example = "Rua Augusta 100, 1100-053 Lisboa") String address,
                                 @NotBlank @Schema(example = "Europe/Lisbon") String timeZone) {
    }

    @Schema(name = "Location")
    public record LocationView(UUID id, String name, String address, String timeZone,
                               @Schema(description = "When it was retired; null while in use") Instant retiredAt) {
        static LocationView of(Location l) {
            return new LocationView(l.id, l.name, l.address, l.timeZone, l.retiredAt);
        }
    }

    @POST
    @RolesAllowed("ADMIN")
    @Operation(summary = "Add a clinic location")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid field, e.g. an unknown time zone")
    public Uni<RestResponse<LocationView>> createLocation(@Valid @NotNull LocationCreate request) {
        return locations.create(request.name(), request.address(), request.timeZone())
                .map(l -> RestResponse.ResponseBuilder.<LocationView>created(URI.create("/api/v1/locations/" + l.id))
                        .entity(LocationView.of(l)).build());
    }

    @GET
    @Authenticated
    @Operation(summary = "List locations by name; retired ones only for admins who ask")
    @APIResponse(responseCode = "200", description = "One page of locations")
    @APIResponse(responseCode = "400", description = "Invalid paging parameters")
    @APIResponse(responseCode = "403", description = "includeRetired asked by someone who is not an admin")
    public Uni<Page<LocationView>> listLocations(
            @Parameter(description = "Also list retired locations (admins)") @RestQuery @DefaultValue("false") boolean includeRetired,
            @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        if (includeRetired && !Caller.of(token).is("ADMIN")) {
            return Uni.createFrom().failure(ProblemException.forbidden("Only admins list retired locations"));
        }
        return locations.list(page, size, includeRetired).map(p -> p.map(LocationView::of));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Get one location, retired or not (history refers to it)")
    @APIResponse(responseCode = "200", description = "The location, with its ETag")
    @APIResponse(responseCode = "404", description = "No such location")
    public Uni<RestResponse<LocationView>> getLocation(@RestPath UUID id) {
        return locations.get(id).map(LocationResource::withVersion);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Change a location's name and address (its time zone stays); If-Match must carry the ETag "
            + "of your last read")
    @APIResponse(responseCode = "200", description = "The updated location, with its new ETag")
    @APIResponse(responseCode = "400", description = "Invalid field, e.g. a different time zone")
    @APIResponse(responseCode = "403", description = "Caller is not an admin")
    @APIResponse(responseCode = "404", description = "No such location")
    @APIResponse(responseCode = "412", description = "Changed since your read (STALE_VERSION)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<LocationView>> updateLocation(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
                                                          @Valid @NotNull LocationCreate request) {
        int version = Versions.fromIfMatch(ifMatch);
        return locations.update(id, version, request.name(), request.address(), request.timeZone())
                .map(LocationResource::withVersion);
    }

    @POST
    @Path("/{id}/retire")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Retire a location: hidden from the list and refused for new weekly hours, kept where used; "
            + "If-Match must carry the ETag of your last read")
    @APIResponse(responseCode = "200", description = "The retired location, with its new ETag")
    @APIResponse(responseCode = "403", description = "Caller is not an admin")
    @APIResponse(responseCode = "404", description = "No such location")
    @APIResponse(responseCode = "412", description = "Changed since your read (STALE_VERSION)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<LocationView>> retireLocation(@RestPath UUID id, @RestHeader("If-Match") String ifMatch) {
        int version = Versions.fromIfMatch(ifMatch);
        return locations.retire(id, version).map(LocationResource::withVersion);
    }

    private static RestResponse<LocationView> withVersion(Location location) {
        return RestResponse.ResponseBuilder.ok(LocationView.of(location)).tag(Versions.etag(location.version)).build();
    }
}
