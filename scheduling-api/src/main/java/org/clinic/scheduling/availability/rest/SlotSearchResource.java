package org.clinic.scheduling.availability.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.clinic.common.validation.PlausibleTime;
import org.clinic.scheduling.availability.service.SlotService;
import org.eclipse.microprofile.openapi.annotations.Operation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

@Path("/api/v1/slots")
@Tag(name = "Appointments")
@SecurityRequirement(name = "bearer")
public class SlotSearchResource {

    private final SlotService slots;

    public SlotSearchResource(SlotService slots) {
        this.slots = slots;
    }

    @Schema(name = "DoctorSlot")
    public record DoctorSlotView(UUID doctorId, @Schema(example = "Dr. Ines Moreira") String doctorName,
                                 OffsetDateTime start, OffsetDateTime end, String timeZone, UUID locationId,
                                 boolean telehealth) {
        static DoctorSlotView of(SlotService.DoctorSlot s) {
            return new DoctorSlotView(s.doctor().id, s.doctor().displayName(), s.slot().start(), s.slot().end(),
                    s.slot().zone(), s.slot().locationId(), s.slot().locationId() == null);
        }
    }

    @GET
    @Authenticated
    @Operation(summary = "Next available: the earliest free slots across the doctors of a specialization")
    @APIResponse(responseCode = "200", description = "Free slots, earliest first")
    @APIResponse(responseCode = "400", description = "Missing specialization, bad window or limit")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    public Uni<List<DoctorSlotView>> searchSlots(@RestQuery @NotNull UUID specialization, @RestQuery UUID location,
                                                 @RestQuery @Schema(example = "consultation") String type,
                                                 @RestQuery @PlausibleTime OffsetDateTime from, @RestQuery @PlausibleTime OffsetDateTime to,
                                                 @RestQuery @DefaultValue("10") @Min(1) @Max(50) int limit) {
        Instant start = from != null ? from.toInstant() : Instant.now();
        Instant end = to != null ? to.toInstant() : start.plus(Duration.ofDays(7));
        return slots.nextAvailable(specialization, location, type, start, end, limit)
                .map(found -> found.stream().map(DoctorSlotView::of).toList());
    }
}
