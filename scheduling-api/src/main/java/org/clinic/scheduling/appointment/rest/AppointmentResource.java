package org.clinic.scheduling.appointment.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.clinic.common.idempotency.IdempotencyStore;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.Problem;
import org.clinic.common.security.Caller;
import org.clinic.common.validation.PlausibleTime;
import org.clinic.scheduling.appointment.Appointment;
import org.clinic.scheduling.appointment.AppointmentHistory;
import org.clinic.scheduling.appointment.AppointmentStatus;
import org.clinic.scheduling.appointment.service.AppointmentService;
import org.clinic.scheduling.availability.SlotCalculator;
import org.clinic.scheduling.availability.service.SlotService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/appointments")
@Tag(name = "Appointments", description = "Free slots, bookings and their lifecycle")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class AppointmentResource {

    /** The answer of every appointment write that PostgreSQL kept aborting (Transactions.retrying). */
    private static final String TRY_AGAIN = "TRY_AGAIN: concurrent bookings kept this from completing even after retries "
            + "(nothing changed), or the database could not be reached; try again after Retry-After";

    private final AppointmentService appointments;
    private final SlotService slots;
    private final JsonWebToken token;
    private final IdempotencyStore idempotency;

    public AppointmentResource(AppointmentService appointments, SlotService slots, JsonWebToken token,
                               IdempotencyStore idempotency) {
        this.appointments = appointments;
        this.slots = slots;
        this.token = token;
        this.idempotency = idempotency;
    }

    @Schema(name = "Slot")
    public record SlotView(@Schema(example = "2026-12-07T09:00+00:00") OffsetDateTime start,
                           @Schema(example = "2026-12-07T09:30+00:00") OffsetDateTime end,
                           @Schema(example = "Europe/Lisbon") String timeZone, UUID locationId, boolean telehealth) {
        public static SlotView of(SlotCalculator.Slot s) {
            return new SlotView(s.start(), s.end(), s.zone(), s.locationId(), s.locationId() == null);
        }
    }

    @io.quarkus.runtime.annotations.RegisterForReflection // fingerprinted for the idempotency store
    @Schema(name = "AppointmentCreate")
    public record AppointmentCreate(@NotNull UUID doctorId, @NotNull UUID patientId,
                                    @NotNull @PlausibleTime @Schema(example = "2026-12-07T09:00+00:00", description = "Start of a free slot, with offset") OffsetDateTime start,
                                    @Size(max = 50) @Schema(example = "consultation") String type,
                                    @Size(max = 500) @Schema(example = "Recurring headaches") String reason) {
    }

    @Schema(name = "StatusChange")
    public record StatusChange(@NotNull @Schema(example = "CANCELLED") AppointmentStatus status,
                               @Size(max = 500) @Schema(example = "Cannot make it") String reason) {
    }

    @io.quarkus.runtime.annotations.RegisterForReflection // replayed from the idempotency store
    @Schema(name = "Appointment", description = "status maps to FHIR Appointment.status: REQUESTED=pending, CONFIRMED=booked, "
            + "DECLINED=cancelled, CHECKED_IN=checked-in, COMPLETED=fulfilled, CANCELLED=cancelled, NO_SHOW=noshow, "
            + "ENTERED_IN_ERROR=entered-in-error")
    public record AppointmentView(UUID id, UUID doctorId, UUID patientId, UUID locationId, boolean telehealth,
                                  OffsetDateTime start, OffsetDateTime end, String timeZone, String type, String reason,
                                  AppointmentStatus status, @Schema(example = "booked") String fhirStatus,
                                  boolean lateCancellation) {
        public static AppointmentView of(Appointment a) {
            ZoneId zone = ZoneId.of(a.timeZone);
            return new AppointmentView(a.id, a.doctorId, a.patientId, a.locationId, a.telehealth,
                    a.startsAt.atZone(zone).toOffsetDateTime(), a.endsAt.atZone(zone).toOffsetDateTime(), a.timeZone,
                    a.type, a.reason, a.status, a.status.fhir(), a.lateCancellation);
        }
    }

    @Schema(name = "AppointmentChange")
    public record HistoryView(Instant changedAt, UUID changedBy, AppointmentStatus fromStatus, AppointmentStatus toStatus,
                              String reason) {
        static HistoryView of(AppointmentHistory h) {
            return new HistoryView(h.changedAt, h.changedBy, h.fromStatus, h.toStatus, h.reason);
        }
    }

    @GET
    @Path("/doctor/{doctorId}/available-slots")
    @Authenticated
    @Operation(summary = "Free slots of a doctor between from and to (default: the next 7 days; at most 31 days)")
    @APIResponse(responseCode = "200", description = "Free slots, earliest first, with offsets and zone")
    @APIResponse(responseCode = "400", description = "to before from, a window over 31 days, or a year outside 1900-9999")
    @APIResponse(responseCode = "404", description = "No such doctor")
    public Uni<List<SlotView>> listAvailableSlots(@RestPath UUID doctorId, @RestQuery @PlausibleTime OffsetDateTime from,
                                                  @RestQuery @PlausibleTime OffsetDateTime to) {
        Instant start = from != null ? from.toInstant() : Instant.now();
        Instant end = to != null ? to.toInstant() : start.plus(Duration.ofDays(7));
        return slots.freeSlots(doctorId, start, end).map(found -> found.stream().map(SlotView::of).toList());
    }

    @POST
    @RolesAllowed({"PATIENT", "STAFF", "ADMIN"})
    @Operation(summary = "Book a free slot: CONFIRMED, or REQUESTED when the doctor accepts bookings by hand")
    @APIResponse(responseCode = "201", description = "Booked")
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request (IDEMPOTENCY_KEY_REUSED)")
    @APIResponse(responseCode = "403", description = "A patient booking for someone else")
    @APIResponse(responseCode = "409", description = "SLOT_TAKEN (someone booked it first, or the patient is busy then) or SLOT_UNAVAILABLE",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "taken", value = """
                            {"type":"urn:clinic:problem:slot-taken","title":"Conflict","status":409,
                             "detail":"That time of the doctor was just taken; choose another slot",
                             "instance":"/api/v1/appointments","code":"SLOT_TAKEN"}""")))
    @APIResponse(responseCode = "503", description = TRY_AGAIN)
    public Uni<RestResponse<AppointmentView>> createAppointment(
            @Valid @NotNull AppointmentCreate request,
            @Parameter(description = "Makes retries safe: the same key and body within 24 h return the first response")
            @RestHeader("Idempotency-Key") String idempotencyKey) {
        Caller caller = Caller.of(token);
        String scope = "appointments:" + caller.userId();
        return idempotency.once(scope, idempotencyKey, request, AppointmentView.class, () -> appointments.book(
                                new AppointmentService.Booking(request.doctorId(), request.patientId(), request.start(),
                                        request.type(), request.reason()), caller)
                        .map(a -> new IdempotencyStore.Response<>(201, "/api/v1/appointments/" + a.id, AppointmentView.of(a))))
                .map(done -> RestResponse.ResponseBuilder.<AppointmentView>created(URI.create(done.location()))
                        .entity(done.body()).build());
    }

    @GET
    @Authenticated
    @Operation(summary = "List appointments: patients see theirs, doctors theirs, staff and admins all; earliest first")
    @APIResponse(responseCode = "200", description = "One page of appointments")
    @APIResponse(responseCode = "400", description = "Invalid filter or paging parameter")
    public Uni<Page<AppointmentView>> listAppointments(@RestQuery UUID doctor, @RestQuery UUID patient,
                                                       @RestQuery AppointmentStatus status, @RestQuery @PlausibleTime OffsetDateTime from,
                                                       @RestQuery @PlausibleTime OffsetDateTime to,
                                                       @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                                       @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return appointments.list(new AppointmentService.ListFilter(doctor, patient, status,
                        from == null ? null : from.toInstant(), to == null ? null : to.toInstant()), Caller.of(token), page, size)
                .map(p -> p.map(AppointmentView::of));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Get an appointment (its patient, its doctor, staff or admins)")
    @APIResponse(responseCode = "200", description = "The appointment")
    @APIResponse(responseCode = "404", description = "No such appointment, or not one the caller may see")
    public Uni<AppointmentView> getAppointment(@RestPath UUID id) {
        return appointments.get(id, Caller.of(token)).map(AppointmentView::of);
    }

    @Schema(name = "Reschedule")
    public record Reschedule(@NotNull @PlausibleTime @Schema(example = "2026-12-08T10:00+00:00", description = "Start of a free slot of the same doctor")
                             OffsetDateTime start,
                             @Size(max = 500) String reason) {
    }

    @PUT
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Reschedule: take a new free slot of the same doctor and release the old time, atomically")
    @APIResponse(responseCode = "200", description = "The appointment at its new time")
    @APIResponse(responseCode = "403", description = "Doctors do not reschedule; patients only their own")
    @APIResponse(responseCode = "404", description = "No such appointment, or not one the caller may see")
    @APIResponse(responseCode = "409", description = "SLOT_TAKEN, SLOT_UNAVAILABLE or INVALID_TRANSITION")
    @APIResponse(responseCode = "503", description = TRY_AGAIN)
    public Uni<AppointmentView> rescheduleAppointment(@RestPath UUID id, @Valid @NotNull Reschedule request) {
        return appointments.reschedule(id, request.start(), request.reason(), Caller.of(token)).map(AppointmentView::of);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"STAFF", "ADMIN"})
    @Operation(summary = "Mark an appointment entered-in-error: frees its time, keeps it in the history")
    @APIResponse(responseCode = "200", description = "The appointment, now ENTERED_IN_ERROR")
    @APIResponse(responseCode = "404", description = "No such appointment")
    @APIResponse(responseCode = "503", description = TRY_AGAIN)
    public Uni<AppointmentView> deleteAppointment(@RestPath UUID id, @RestQuery @Size(max = 500) String reason) {
        return appointments.markEnteredInError(id, reason, Caller.of(token)).map(AppointmentView::of);
    }

    @PUT
    @Path("/{id}/status")
    @Authenticated
    @Operation(summary = "Move an appointment through its lifecycle",
            description = "REQUESTED→CONFIRMED|DECLINED (doctor), CONFIRMED→CHECKED_IN (staff; from 60 minutes before the start), "
                    + "CHECKED_IN→COMPLETED (doctor; from the start), REQUESTED|CONFIRMED→CANCELLED (patient, doctor, staff), "
                    + "CONFIRMED→NO_SHOW (staff; from 15 minutes after the start); admins may make any of these moves. "
                    + "The windows are configuration (CLINIC_APPOINTMENTS_CHECK_IN_OPENS_BEFORE, CLINIC_APPOINTMENTS_NO_SHOW_GRACE).")
    @APIResponse(responseCode = "200", description = "The appointment after the move")
    @APIResponse(responseCode = "403", description = "The caller's role may not make this move")
    @APIResponse(responseCode = "404", description = "No such appointment, or not one the caller may see")
    @APIResponse(responseCode = "409", description = "INVALID_TRANSITION (no such move from this status), or "
            + "OUTSIDE_TRANSITION_WINDOW (too early: the detail says when the move opens)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too early", value = """
                            {"type":"urn:clinic:problem:outside-transition-window","title":"Conflict","status":409,
                             "detail":"Check-in opens at 2026-12-07T08:00Z, 60 minutes before the start",
                             "instance":"/api/v1/appointments/4b6f0d0e-1c1a-4c0e-9d7c-2f1f3f1e2a10/status",
                             "code":"OUTSIDE_TRANSITION_WINDOW"}""")))
    @APIResponse(responseCode = "503", description = TRY_AGAIN)
    public Uni<AppointmentView> changeAppointmentStatus(@RestPath UUID id, @Valid @NotNull StatusChange request) {
        return appointments.changeStatus(id, request.status(), request.reason(), Caller.of(token)).map(AppointmentView::of);
    }

    @GET
    @Path("/{id}/history")
    @Authenticated
    @Operation(summary = "Every change of an appointment, oldest first")
    @APIResponse(responseCode = "200", description = "The history")
    @APIResponse(responseCode = "404", description = "No such appointment, or not one the caller may see")
    public Uni<List<HistoryView>> getAppointmentHistory(@RestPath UUID id) {
        return appointments.history(id, Caller.of(token)).map(h -> h.stream().map(HistoryView::of).toList());
    }
}
