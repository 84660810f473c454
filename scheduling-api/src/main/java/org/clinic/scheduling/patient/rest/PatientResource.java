package org.clinic.scheduling.patient.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.paging.Versions;

import org.clinic.common.security.Caller;
import org.clinic.common.validation.PlausibleTime;
import org.clinic.scheduling.patient.Patient;
import org.clinic.scheduling.patient.PatientDetails;
import org.clinic.scheduling.patient.service.PatientService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/v1/patients")
@Tag(name = "Patients", description = "Patient profiles")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class PatientResource {

    private final PatientService patients;
    private final JsonWebToken token;

    public PatientResource(PatientService patients, JsonWebToken token) {
        this.patients = patients;
        this.token = token;
    }

    @Schema(name = "PatientInput")
    public record PatientInput(
            @NotBlank @Size(max = 100) @Schema(example = "Ana") String firstName,
            @NotBlank @Size(max = 100) @Schema(example = "Silva") String lastName,
            @NotNull @Past @PlausibleTime @Schema(example = "1987-04-12") LocalDate dateOfBirth,
            @Pattern(regexp = "male|female|other|unknown", message = "must be male, female, other or unknown") String gender,
            @Pattern(regexp = "\\+?[0-9 ()-]{6,20}", message = "must be a phone number") @Schema(example = "+351 912 345 678") String phone,
            @Email @Size(max = 254) String email,
            @Valid PatientDetails.Address address,
            @Valid PatientDetails.EmergencyContact emergencyContact,
            @Size(max = 20) List<PatientDetails.@Valid @NotNull Identifier> identifiers,
            @Size(max = 10) List<PatientDetails.@Valid @NotNull Coverage> coverages,
            @Schema(description = "May be written to by e-mail") boolean consentEmail,
            @Schema(description = "May be sent SMS") boolean consentSms,
            @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code") @Schema(example = "pt") String preferredLanguage) {

        PatientService.PatientInput toService() {
            return new PatientService.PatientInput(firstName, lastName, dateOfBirth, gender, phone, email, address,
                    emergencyContact, identifiers, coverages, consentEmail, consentSms, preferredLanguage);
        }
    }

    @Schema(name = "Patient")
    public record PatientView(UUID id, @Schema(example = "MRN00000042") String medicalRecordNumber, String firstName,
                              String lastName, LocalDate dateOfBirth, String gender, String phone, String email,
                              PatientDetails.Address address, PatientDetails.EmergencyContact emergencyContact,
                              List<PatientDetails.Identifier> identifiers, List<PatientDetails.Coverage> coverages,
                              boolean consentEmail, boolean consentSms, String preferredLanguage, boolean active) {
        static PatientView of(Patient p) {
            return new PatientView(p.id, p.medicalRecordNumber, p.firstName, p.lastName, p.dateOfBirth, p.gender, p.phone,
                    p.email, p.address, p.emergencyContact, p.identifiers, p.coverages, p.consentEmail, p.consentSms,
                    p.preferredLanguage, p.active);
        }
    }

    @POST
    @RolesAllowed({"STAFF", "ADMIN"})
    @Operation(summary = "Register a patient at the front desk (patients register themselves at /auth/register)")
    @APIResponse(responseCode = "201", description = "Created, with a new medical record number")
    @APIResponse(responseCode = "400", description = "Invalid field")
    public Uni<RestResponse<PatientView>> createPatient(@Valid @NotNull PatientInput request) {
        return patients.create(request.toService())
                .map(p -> RestResponse.ResponseBuilder.<PatientView>created(URI.create("/api/v1/patients/" + p.id))
                        .entity(PatientView.of(p)).tag(Versions.etag(p.version)).build());
    }

    @GET
    @RolesAllowed({"STAFF", "ADMIN"})
    @Operation(summary = "List active patients by name")
    @APIResponse(responseCode = "200", description = "One page of patients")
    public Uni<Page<PatientView>> listPatients(@RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                               @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return searchPatients(null, null, null, null, null, page, size);
    }

    @GET
    @Path("/search")
    @RolesAllowed({"STAFF", "ADMIN"})
    @Operation(summary = "Find active patients by name, date of birth, phone, e-mail or medical record number")
    @APIResponse(responseCode = "200", description = "One page of matching patients")
    @APIResponse(responseCode = "400", description = "Invalid filter or paging parameter")
    public Uni<Page<PatientView>> searchPatients(@RestQuery String name, @RestQuery @PlausibleTime LocalDate dateOfBirth,
                                                 @RestQuery String phone, @RestQuery String email,
                                                 @RestQuery String medicalRecordNumber,
                                                 @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                                 @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return patients.search(new PatientService.SearchFilter(name, dateOfBirth, phone, email, medicalRecordNumber), page, size)
                .map(found -> found.map(PatientView::of));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"PATIENT", "DOCTOR", "STAFF", "ADMIN"})
    @Operation(summary = "Get a patient's profile (the patient themself, staff or admins); the ETag is its version")
    @APIResponse(responseCode = "200", description = "The profile")
    @APIResponse(responseCode = "404", description = "No such patient, or not one the caller may see")
    public Uni<RestResponse<PatientView>> getPatient(@RestPath UUID id) {
        return patients.get(id, Caller.of(token))
                .map(p -> RestResponse.ResponseBuilder.ok(PatientView.of(p)).tag(Versions.etag(p.version)).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({"PATIENT", "STAFF", "ADMIN"})
    @Operation(summary = "Replace a patient's profile; If-Match must carry the ETag of your last read")
    @APIResponse(responseCode = "200", description = "The updated profile, with its new ETag")
    @APIResponse(responseCode = "400", description = "Invalid field")
    @APIResponse(responseCode = "404", description = "No such patient, or not one the caller may edit")
    @APIResponse(responseCode = "412", description = "Changed since your read (STALE_VERSION)")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Uni<RestResponse<PatientView>> updatePatient(@RestPath UUID id, @RestHeader("If-Match") String ifMatch,
                                                        @Valid @NotNull PatientInput request) {
        int version = Versions.fromIfMatch(ifMatch);
        return patients.update(id, version, request.toService(), Caller.of(token))
                .map(p -> RestResponse.ResponseBuilder.ok(PatientView.of(p)).tag(Versions.etag(p.version)).build());
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({"STAFF", "ADMIN"})
    @Operation(summary = "Deactivate a patient: hidden from lists and search; profile and appointments stay")
    @APIResponse(responseCode = "204", description = "Deactivated")
    @APIResponse(responseCode = "404", description = "No such patient")
    public Uni<RestResponse<Void>> deletePatient(@RestPath UUID id) {
        return patients.deactivate(id).map(done -> RestResponse.<Void>noContent());
    }
}
