package org.clinic.scheduling.doctor.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.scheduling.appointment.rest.AppointmentResource;
import org.clinic.scheduling.appointment.service.AppointmentService;
import org.clinic.scheduling.availability.service.SlotService;
import org.clinic.scheduling.availability.service.SlotCache;
import org.eclipse.microprofile.jwt.JsonWebToken;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.clinic.common.paging.Page;
import org.clinic.common.paging.Versions;
import org.clinic.common.validation.PlausibleTime;
import org.clinic.scheduling.identity.service.UserAdminService;

import org.clinic.scheduling.availability.rest.AvailabilityResource.RuleView;
import org.clinic.scheduling.availability.service.AvailabilityService;
import org.clinic.scheduling.doctor.Doctor;
import org.clinic.scheduling.doctor.service.DoctorService;
import org.eclipse.microprofile.openapi.annotations.Operation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/doctors")
@Tag(name = "Doctors", description = "Doctor profiles and their availability")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class DoctorResource {

    private final SlotCache slotCache;
    private final DirectoryCache directory;
    private final DoctorService doctors;
    private final AvailabilityService availability;
    private final AppointmentService appointments;
    private final SlotService slots;
    private final JsonWebToken token;
    private final UserAdminService users;

    public DoctorResource(DoctorService doctors, AvailabilityService availability, AppointmentService appointments,
                          SlotService slots, JsonWebToken token, UserAdminService users, SlotCache slotCache,
                          DirectoryCache directory) {
        this.users = users;
        this.directory = directory;
        this.slotCache = slotCache;
        this.doctors = doctors;
        this.availability = availability;
        this.appointments = appointments;
        this.slots = slots;
        this.token = token;
    }

    @Schema(name = "DoctorCreate")
    public record DoctorCreate(
            @NotBlank @Size(max = 100) @Schema(example = "Ines") String firstName,
            @NotBlank @Size(max = 100) @Schema(example = "Moreira") String lastName,
            @NotBlank @Size(max = 50) @Schema(example = "OM-48213") String licenseNumber,
            @Pattern(regexp = "\\+?[0-9 ()-]{6,20}", message = "must be a phone number") String phone,
            @Email String email,
            @Schema(example = "[\"pt\", \"en\"]") List<@Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code") String> languages,
            @Size(max = 2000) String bio,
            @NotEmpty Set<@NotNull UUID> specializationIds,
            @Min(5) @Max(480) @Schema(example = "30") int defaultVisitMinutes,
            @Schema(description = "Bookings wait for the doctor's confirmation (REQUESTED) instead of being CONFIRMED")
            boolean requiresAcceptance,
            @Min(0) @Max(240) @Schema(description = "Minutes kept free after each visit") int bufferMinutes,
            @Min(0) @Max(43200) @Schema(description = "Minutes between booking and visit, at least") int minNoticeMinutes,
            @Min(1) @Max(730) @Schema(example = "90", description = "How many days ahead bookings are open") Integer horizonDays,
            @Min(0) @Max(720) @Schema(example = "24", description = "Patients cancelling later than this are flagged late") Integer cancellationWindowHours,
            @Valid @Schema(description = "Optional: create the doctor's login in the same call") Account account) {

        DoctorService.NewDoctor toService() {
            return new DoctorService.NewDoctor(firstName, lastName, licenseNumber, phone, email, languages, bio,
                    specializationIds, defaultVisitMinutes, requiresAcceptance, bufferMinutes, minNoticeMinutes,
                    horizonDays == null ? 90 : horizonDays, cancellationWindowHours == null ? 24 : cancellationWindowHours);
        }
    }

    @Schema(name = "DoctorAccount")
    public record Account(@NotBlank @Email @Size(max = 254) String email, @NotBlank String password) {
    }

    @Schema(name = "DoctorPublicProfile", description = "What a doctor edits themself")
    public record PublicProfile(
            @Size(max = 2000) String bio,
            @Size(max = 20) @Schema(example = "[\"pt\", \"en\"]")
            List<@NotNull @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code") String> languages,
            @Size(max = 500) @Pattern(regexp = "https://[^\\s\\x00]+", message = "must be an https URL")
            @Schema(example = "https://photos.clinic.example/ines-moreira.jpg") String photoUrl) {
    }

    @Schema(name = "Doctor")
    public record DoctorView(UUID id, String firstName, String lastName, String licenseNumber, String phone,
                             String email, List<String> languages, String bio, String photoUrl, Set<UUID> specializationIds,
                             int defaultVisitMinutes, boolean requiresAcceptance, int bufferMinutes,
                             int minNoticeMinutes, int horizonDays, int cancellationWindowHours,
                             @Schema(description = "Weekly rules; only in the single-doctor view") List<RuleView> availability) {
        static DoctorView of(Doctor d, List<RuleView> rules) {
            List<String> languages = d.languages.isEmpty() ? List.of() : Arrays.asList(d.languages.split(","));
            return new DoctorView(d.id, d.firstName, d.lastName, d.licenseNumber, d.phone, d.email, languages, d.bio,
                    d.photoUrl, d.specializationIds, d.defaultVisitMinutes, d.requiresAcceptance, d.bufferMinutes,
                    d.minNoticeMinutes, d.horizonDays, d.cancellationWindowHours, rules);
        }
    }

    @POST
    @RolesAllowed({"ADMIN", "STAFF"})
    @Operation(summary = "Add a doctor", description = "Staff and admins add profiles; only an admin may create "
            + "the doctor's login in the same call (`account`), since a login gets clinical reach.")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "403", description = "Not staff or admin, or `account` sent by someone who is not an admin")
    @APIResponse(responseCode = "409", description = "License number already registered (LICENSE_TAKEN)")
    public Uni<RestResponse<DoctorView>> createDoctor(@Valid @NotNull DoctorCreate request) {
        Caller caller = Caller.of(token);
        if (request.account() != null && !caller.is("ADMIN")) {
            return Uni.createFrom().failure(ProblemException.forbidden(
                    "Only an admin creates logins; add the profile without 'account' and ask an admin for the login"));
        }
        Uni<Doctor> created = request.account() == null
                ? io.quarkus.hibernate.reactive.panache.Panache.withTransaction(() -> doctors.create(request.toService()))
                : users.createWithDoctor(request.account().email(), request.account().password(), request.firstName(),
                        request.lastName(), caller.userId(), () -> doctors.create(request.toService()));
        return created.call(directory::invalidate).map(d -> RestResponse.ResponseBuilder.<DoctorView>created(URI.create("/api/v1/doctors/" + d.id))
                .entity(DoctorView.of(d, List.of())).tag(Versions.etag(d.version)).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({"ADMIN", "STAFF"})
    @Operation(summary = "Replace a doctor's profile; If-Match must carry the ETag of your last read")
    @APIResponse(responseCode = "200", description = "The updated doctor, with its new ETag")
    @APIResponse(responseCode = "404", description = "No such doctor")
    @APIResponse(responseCode = "412", description = "Changed since your read (STALE_VERSION)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<DoctorView>> updateDoctor(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
                                                      @Valid @NotNull DoctorCreate request) {
        int version = Versions.fromIfMatch(ifMatch);
        return doctors.update(id, version, request.toService())
                .call(() -> slotCache.invalidate(id)) // notice, horizon, buffer change the slots
                .call(directory::invalidate)
                .map(d -> RestResponse.ResponseBuilder.ok(DoctorView.of(d, null)).tag(Versions.etag(d.version)).build());
    }

    @PUT
    @Path("/{id}/profile")
    @RolesAllowed({"DOCTOR", "ADMIN", "STAFF"})
    @Operation(summary = "Replace a doctor's public profile (bio, languages, photo); the doctor themself, staff or admins. "
            + "If-Match must carry the ETag of your last read")
    @APIResponse(responseCode = "200", description = "The updated doctor, with its new ETag")
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "404", description = "No such doctor, or another doctor's profile")
    @APIResponse(responseCode = "412", description = "Changed since your read (STALE_VERSION)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<DoctorView>> updateDoctorProfile(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
                                                             @Valid @NotNull PublicProfile request) {
        Caller caller = Caller.of(token);
        if (!caller.isClinicStaff() && !id.equals(caller.doctorId())) {
            return Uni.createFrom().failure(ProblemException.notFound("Doctor " + id));
        }
        int version = Versions.fromIfMatch(ifMatch);
        return doctors.updatePublicProfile(id, version, new DoctorService.PublicProfile(request.bio(), request.languages(),
                        request.photoUrl()))
                .call(directory::invalidate)
                .map(d -> RestResponse.ResponseBuilder.ok(DoctorView.of(d, null)).tag(Versions.etag(d.version)).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"ADMIN", "STAFF"})
    @Operation(summary = "Deactivate a doctor: gone from search and booking; appointments stay readable")
    @APIResponse(responseCode = "204", description = "Deactivated")
    @APIResponse(responseCode = "404", description = "No such doctor")
    public Uni<RestResponse<Void>> deleteDoctor(@RestPath UUID id) {
        return doctors.deactivate(id).call(() -> slotCache.invalidate(id)).call(directory::invalidate).map(done -> RestResponse.<Void>noContent());
    }

    @GET
    @Authenticated
    @Operation(summary = "Find doctors by specialization, name, language or location")
    @APIResponse(responseCode = "200", description = "One page of doctors")
    public Uni<Page<DoctorView>> listDoctors(@RestQuery UUID specialization, @RestQuery String name,
                                             @RestQuery @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code") String language,
                                             @RestQuery UUID location,
                                             @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                             @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        Supplier<Uni<Page<DoctorView>>> query = () -> doctors.list(specialization, name, language, location, page, size)
                .map(p -> p.map(d -> DoctorView.of(d, null)));
        if (location != null || name != null) {
            return query.get(); // see DirectoryCache; free-text names would fill Redis with one-off entries
        }
        return directory.get(specialization + ":" + language + ":" + page + ":" + size, query);
    }

    @GET
    @Path("/specialization/{specialization}")
    @Authenticated
    @Operation(summary = "Doctors of one specialization")
    @APIResponse(responseCode = "200", description = "One page of doctors")
    public Uni<Page<DoctorView>> listDoctorsBySpecialization(@RestPath UUID specialization,
                                                             @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                                             @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return listDoctors(specialization, null, null, null, page, size);
    }

    @Schema(name = "DoctorDay")
    public record DayView(LocalDate date, String timeZone, List<AppointmentResource.AppointmentView> appointments,
                          List<AppointmentResource.SlotView> freeSlots) {
    }

    @GET
    @Path("/{id}/schedule")
    @RolesAllowed({"DOCTOR", "STAFF", "ADMIN"})
    @Operation(summary = "A doctor's day: appointments and free slots (the doctor themself, staff or admins)")
    @APIResponse(responseCode = "200", description = "The day, in the zone of the doctor's hours")
    @APIResponse(responseCode = "404", description = "No such doctor, or another doctor's day")
    public Uni<DayView> getDoctorSchedule(@RestPath UUID id, @RestQuery @NotNull @PlausibleTime LocalDate date) {
        Caller caller = Caller.of(token);
        if (!caller.isClinicStaff() && !id.equals(caller.doctorId())) {
            return Uni.createFrom().failure(ProblemException.notFound("Doctor " + id));
        }
        return availability.rules(id).chain(rules -> {
            ZoneId zone = rules.isEmpty() ? ZoneOffset.UTC : ZoneId.of(rules.get(0).timeZone);
            Instant from = date.atStartOfDay(zone).toInstant();
            Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
            return appointments.list(new AppointmentService.ListFilter(id, null, null, from, to), caller, 0, Page.MAX_SIZE)
                    .chain(booked -> slots.freeSlots(id, from, to).map(free -> new DayView(date, zone.getId(),
                            booked.items().stream().map(AppointmentResource.AppointmentView::of).toList(),
                            free.stream().map(AppointmentResource.SlotView::of).toList())));
        });
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(summary = "Get a doctor with their weekly availability")
    @APIResponse(responseCode = "200", description = "The doctor")
    @APIResponse(responseCode = "404", description = "No such doctor")
    public Uni<RestResponse<DoctorView>> getDoctor(@RestPath UUID id) {
        return doctors.get(id).chain(d -> availability.rules(id)
                .map(rules -> RestResponse.ResponseBuilder.ok(DoctorView.of(d, rules.stream().map(RuleView::of).toList()))
                        .tag(Versions.etag(d.version)).build()));
    }
}
