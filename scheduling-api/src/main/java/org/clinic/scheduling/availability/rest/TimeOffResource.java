package org.clinic.scheduling.availability.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.clinic.common.validation.PlausibleTime;
import org.clinic.common.security.Caller;
import org.clinic.scheduling.availability.TimeOff;
import org.clinic.scheduling.availability.service.AvailabilityService;
import org.clinic.scheduling.availability.service.SlotCache;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/doctors/{doctorId}/time-off")
@Tag(name = "Doctors")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class TimeOffResource {

    private final SlotCache slotCache;
    private final AvailabilityService availability;
    private final JsonWebToken token;

    public TimeOffResource(AvailabilityService availability, SlotCache slotCache, JsonWebToken token) {
        this.availability = availability;
        this.slotCache = slotCache;
        this.token = token;
    }

    @Schema(name = "TimeOff")
    public record TimeOffView(UUID id, @NotNull @PlausibleTime @Schema(example = "2026-12-24T00:00+00:00") OffsetDateTime start,
                              @NotNull @PlausibleTime @Schema(example = "2026-12-27T00:00+00:00") OffsetDateTime end,
                              @Size(max = 200) @Schema(example = "Holidays") String reason) {
        static TimeOffView of(TimeOff t) {
            return new TimeOffView(t.id, t.startsAt.atOffset(ZoneOffset.UTC), t.endsAt.atOffset(ZoneOffset.UTC), t.reason);
        }
    }

    @POST
    @RolesAllowed({"DOCTOR", "STAFF", "ADMIN"})
    @Operation(summary = "Block a period: no slots are offered inside it (existing appointments stay)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "End before start")
    public Uni<RestResponse<TimeOffView>> addTimeOff(@RestPath UUID doctorId, @Valid @NotNull TimeOffView request) {
        return availability.addTimeOff(doctorId, request.start().toInstant(), request.end().toInstant(), request.reason(),
                        Caller.of(token))
                .call(() -> slotCache.invalidate(doctorId))
                .map(t -> RestResponse.ResponseBuilder.<TimeOffView>created(
                        URI.create("/api/v1/doctors/" + doctorId + "/time-off/" + t.id)).entity(TimeOffView.of(t)).build());
    }

    @GET
    @Authenticated
    @Operation(summary = "A doctor's time off")
    @APIResponse(responseCode = "200", description = "Periods, earliest first")
    public Uni<List<TimeOffView>> listTimeOff(@RestPath UUID doctorId) {
        return availability.timeOff(doctorId).map(list -> list.stream().map(TimeOffView::of).toList());
    }

    @DELETE
    @Path("/{timeOffId}")
    @RolesAllowed({"DOCTOR", "STAFF", "ADMIN"})
    @Operation(summary = "Remove a period of time off")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such period for this doctor")
    public Uni<RestResponse<Void>> deleteTimeOff(@RestPath UUID doctorId, @RestPath UUID timeOffId) {
        return availability.deleteTimeOff(doctorId, timeOffId, Caller.of(token))
                .call(() -> slotCache.invalidate(doctorId)).map(done -> RestResponse.<Void>noContent());
    }
}
