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
import jakarta.ws.rs.Path;
import java.net.URI;
import java.util.UUID;
import org.clinic.common.paging.Page;

import org.clinic.scheduling.catalog.Location;
import org.clinic.scheduling.catalog.service.LocationService;
import org.eclipse.microprofile.openapi.annotations.Operation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/locations")
@Tag(name = "Catalog")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class LocationResource {

    private final LocationService locations;

    public LocationResource(LocationService locations) {
        this.locations = locations;
    }

    @Schema(name = "LocationCreate")
    public record LocationCreate(@NotBlank @Size(max = 200) @Schema(example = "Clinica Central") String name,
                                 @Size(max = 500) @Schema(example = "Rua Augusta 100, 1100-053 Lisboa") String address,
                                 @NotBlank @Schema(example = "Europe/Lisbon") String timeZone) {
    }

    @Schema(name = "Location")
    public record LocationView(UUID id, String name, String address, String timeZone) {
        static LocationView of(Location l) {
            return new LocationView(l.id, l.name, l.address, l.timeZone);
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
    @Operation(summary = "List locations by name")
    @APIResponse(responseCode = "200", description = "One page of locations")
    public Uni<Page<LocationView>> listLocations(@RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                                 @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return locations.list(page, size).map(p -> p.map(LocationView::of));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Get one location")
    @APIResponse(responseCode = "200", description = "The location")
    @APIResponse(responseCode = "404", description = "No such location")
    public Uni<LocationView> getLocation(@RestPath UUID id) {
        return locations.get(id).map(LocationView::of);
    }
}
