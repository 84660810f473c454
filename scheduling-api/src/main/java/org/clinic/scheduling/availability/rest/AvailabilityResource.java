package org.clinic.scheduling.availability.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.clinic.common.validation.PlausibleTime;
import org.clinic.common.paging.Versions;

import org.clinic.common.security.Caller;
import org.clinic.scheduling.availability.AvailabilityOverride;
import org.clinic.scheduling.availability.AvailabilityRule;
import org.clinic.scheduling.availability.service.AvailabilityService;
import org.clinic.scheduling.availability.service.SlotCache;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/doctors/{doctorId}/availability")
@Tag(name = "Doctors")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class AvailabilityResource {

    private final SlotCache slotCache;
    private final AvailabilityService availability;
    private final JsonWebToken token;

    public AvailabilityResource(AvailabilityService availability, SlotCache slotCache, JsonWebToken token) {
        this.availability = availability;
        this.slotCache = slotCache;
        this.token = token;
    }

    @Schema(name = "AvailabilityRuleCreate", description = "Wall-clock hours in the location's time zone (or timeZone for telehealth)")
    public record RuleCreate(
            @NotNull @Schema(example = "MONDAY") DayOfWeek dayOfWeek,
            @NotNull @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "09:00") LocalTime startTime,
            @NotNull @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "13:00") LocalTime endTime,
            @Min(5) @Max(480) @Schema(example = "30") int slotMinutes,
            UUID locationId,
            boolean telehealth,
            @Schema(example = "Europe/Lisbon", description = "Required for telehealth; defaults to the location's") String timeZone,
            @PlausibleTime @Schema(description = "Defaults to today") LocalDate validFrom,
            @PlausibleTime LocalDate validUntil,
            @Schema(example = "[\"consultation\", \"follow-up\"]", description = "Types offered; empty or absent: any")
            java.util.Set<@jakarta.validation.constraints.Pattern(regexp = "[a-z][a-z0-9-]{0,49}",
                    message = "must be lower-case letters, digits and dashes") String> appointmentTypes) {

        AvailabilityService.NewRule toService() {
            return new AvailabilityService.NewRule(dayOfWeek, startTime, endTime, slotMinutes, locationId, telehealth,
                    timeZone, validFrom, validUntil, appointmentTypes);
        }
    }

    @Schema(name = "AvailabilityRule")
    public record RuleView(UUID id, DayOfWeek dayOfWeek,
                           @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "09:00") LocalTime startTime,
                           @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "13:00") LocalTime endTime,
                           int slotMinutes, UUID locationId, boolean telehealth, String timeZone, LocalDate validFrom,
                           LocalDate validUntil, java.util.Set<String> appointmentTypes,
                           @Schema(description = "Send as If-Match to replace the rule") int version) {
        public static RuleView of(AvailabilityRule r) {
            return new RuleView(r.id, DayOfWeek.of(r.dayOfWeek), r.startTime, r.endTime, r.slotMinutes, r.locationId,
                    r.telehealth, r.timeZone, r.validFrom, r.validUntil, r.types(), r.version);
        }
    }

    @POST
    @RolesAllowed({"DOCTOR", "STAFF", "ADMIN"})
    @Operation(summary = "Add a weekly availability rule (the doctor themself, staff or admins)")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "End before start, a slot length that does not divide the hours, an unknown zone...")
    @APIResponse(responseCode = "403", description = "Another doctor's availability")
    @APIResponse(responseCode = "409", description = "Overlaps an existing rule (RULE_OVERLAP)")
    public Uni<RestResponse<RuleView>> addAvailabilityRule(@RestPath UUID doctorId, @Valid @NotNull RuleCreate request) {
        return availability.addRule(doctorId, request.toService(), Caller.of(token))
                .call(() -> slotCache.invalidate(doctorId))
                .map(rule -> RestResponse.ResponseBuilder.<RuleView>created(
                        URI.create("/api/v1/doctors/" + doctorId + "/availability/" + rule.id)).entity(RuleView.of(rule))
                        .tag(Versions.etag(rule.version)).build());
    }

    @PUT
    @Path("/{ruleId}")
    @RolesAllowed({"DOCTOR", "STAFF", "ADMIN"})
    @Operation(summary = "Replace a weekly rule; If-Match must carry the ETag from its creation or the rule list's version")
    @APIResponse(responseCode = "200", description = "The rule, with its new ETag")
    @APIResponse(responseCode = "404", description = "No such rule for this doctor")
    @APIResponse(responseCode = "409", description = "Overlaps another rule (RULE_OVERLAP)")
    @APIResponse(responseCode = "412", description = "Changed since your read (STALE_VERSION)")
    public Uni<RestResponse<RuleView>> updateAvailabilityRule(@RestPath UUID doctorId, @RestPath UUID ruleId,
                                                              @RestHeader("If-Match") String ifMatch,
                                                              @Valid @NotNull RuleCreate request) {
        int version = Versions.fromIfMatch(ifMatch);
        return availability.updateRule(doctorId, ruleId, version, request.toService(), Caller.of(token))
                .call(() -> slotCache.invalidate(doctorId))
                .map(rule -> RestResponse.ResponseBuilder.ok(RuleView.of(rule)).tag(Versions.etag(rule.version)).build());
    }

    @GET
    @Authenticated
    @Operation(summary = "A doctor's weekly availability rules")
    @APIResponse(responseCode = "200", description = "The rules, by day and hour")
    public Uni<List<RuleView>> listAvailabilityRules(@RestPath UUID doctorId) {
        return availability.rules(doctorId).map(rules -> rules.stream().map(RuleView::of).toList());
    }

    @Schema(name = "AvailabilityOverride", description = "Other hours on one date (wall-clock, the rules' zone), or closed")
    public record OverrideView(UUID id, @NotNull @PlausibleTime LocalDate date,
                               @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "10:00",
                                       description = "Omit both times for a closed day") LocalTime startTime,
                               @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, example = "12:00") LocalTime endTime,
                               @jakarta.validation.constraints.Size(max = 200) String reason) {
        static OverrideView of(AvailabilityOverride o) {
            return new OverrideView(o.id, o.date, o.startTime, o.endTime, o.reason);
        }
    }

    @POST
    @Path("/overrides")
    @RolesAllowed({"DOCTOR", "STAFF", "ADMIN"})
    @Operation(summary = "Other hours on one date, or a closed day")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Only one of the times, or end before start")
    @APIResponse(responseCode = "409", description = "The date already has an override (OVERRIDE_EXISTS)")
    public Uni<RestResponse<OverrideView>> addAvailabilityOverride(@RestPath UUID doctorId, @Valid @NotNull OverrideView request) {
        return availability.addOverride(doctorId, request.date(), request.startTime(), request.endTime(), request.reason(),
                        Caller.of(token))
                .call(() -> slotCache.invalidate(doctorId))
                .map(o -> RestResponse.ResponseBuilder.<OverrideView>created(
                        URI.create("/api/v1/doctors/" + doctorId + "/availability/overrides/" + o.id)).entity(OverrideView.of(o)).build());
    }

    @GET
    @Path("/overrides")
    @Authenticated
    @Operation(summary = "A doctor's date overrides")
    @APIResponse(responseCode = "200", description = "The overrides, by date")
    public Uni<List<OverrideView>> listAvailabilityOverrides(@RestPath UUID doctorId) {
        return availability.overrides(doctorId).map(list -> list.stream().map(OverrideView::of).toList());
    }

    @DELETE
    @Path("/overrides/{overrideId}")
    @RolesAllowed({"DOCTOR", "STAFF", "ADMIN"})
    @Operation(summary = "Remove a date override")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such override for this doctor")
    public Uni<RestResponse<Void>> deleteAvailabilityOverride(@RestPath UUID doctorId, @RestPath UUID overrideId) {
        return availability.deleteOverride(doctorId, overrideId, Caller.of(token))
                .call(() -> slotCache.invalidate(doctorId)).map(done -> RestResponse.<Void>noContent());
    }

    @DELETE
    @Path("/{ruleId}")
    @RolesAllowed({"DOCTOR", "STAFF", "ADMIN"})
    @Operation(summary = "Remove a weekly rule; booked appointments stay")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such rule for this doctor")
    public Uni<RestResponse<Void>> deleteAvailabilityRule(@RestPath UUID doctorId, @RestPath UUID ruleId) {
        return availability.deleteRule(doctorId, ruleId, Caller.of(token))
                .call(() -> slotCache.invalidate(doctorId)).map(done -> RestResponse.<Void>noContent());
    }
}
