package org.clinic.records.entry.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.paging.Versions;
import org.clinic.common.security.Caller;
import org.clinic.records.entry.ClinicalChecks;
import org.clinic.records.entry.Contents.Diagnosis;
import org.clinic.records.entry.EntryKind;
import org.clinic.records.entry.EntryService;
import org.clinic.records.entry.EntryView;
import org.clinic.records.entry.VersionView;
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

/** A patient's diagnoses: see {@link EntryService} for versions, entered-in-error, access and audit. */
@Path("/api/v1/patients/{patientId}/diagnoses")
@Tag(name = "Diagnoses")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"PATIENT", "DOCTOR", "STAFF", "ADMIN"})
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Not allowed: staff and admins see no clinical content; a doctor outside the care team needs emergency access; patients only read")
@APIResponse(responseCode = "404", description = "Unknown patient, or not a record this caller may know of")
public class DiagnosisResource {

    private static final EntryKind KIND = EntryKind.DIAGNOSIS;

    private final EntryService entries;
    private final JsonWebToken token;

    public DiagnosisResource(EntryService entries, JsonWebToken token) {
        this.entries = entries;
        this.token = token;
    }

    @Schema(name = "DiagnosisInput")
    public record DiagnosisInput(
            @Schema(description = "The visit it came from, if any") UUID appointmentId,
            @NotNull @Schema(enumeration = {"ACTIVE", "RESOLVED"}, example = "ACTIVE") String status,
            @NotNull @Valid Diagnosis content,
            @Size(max = 1000) @Schema(description = "Required when amending: why it changes", example = "Corrected after review") String reason) {
    }

    @Schema(name = "DiagnosisEnteredInError")
    public record EnteredInError(@NotNull @Size(min = 1, max = 1000) @Schema(example = "Written in the wrong patient's record") String reason) {
    }

    @POST
    @Operation(summary = "Write a diagnosis")
    @APIResponse(responseCode = "201", description = "Written; Location names it")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid")
    @APIResponse(responseCode = "422", description = "A code or dose is malformed")
    public Uni<RestResponse<EntryView<Diagnosis>>> createDiagnosis(@RestPath UUID patientId, @Valid @NotNull DiagnosisInput input) {
        ClinicalChecks.check(input.content());
        return entries.create(KIND, Diagnosis.class, patientId, input.appointmentId(), input.status(), input.content(), caller())
                .map(view -> RestResponse.ResponseBuilder.<EntryView<Diagnosis>>created(
                                URI.create("/api/v1/patients/" + patientId + "/diagnoses/" + view.id()))
                        .entity(view).tag(Versions.etag(view.version())).build());
    }

    @GET
    @Operation(summary = "List diagnoses, newest first")
    @APIResponse(responseCode = "200", description = "One page")
    public Uni<Page<EntryView<Diagnosis>>> listDiagnoses(@RestPath UUID patientId,
            @Parameter(description = "Only this status") @RestQuery String status,
            @Parameter(description = "Also entries marked entered-in-error") @RestQuery @DefaultValue("false") boolean includeEnteredInError,
            @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return entries.list(KIND, Diagnosis.class, patientId, status, includeEnteredInError, page, size, caller());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a diagnosis")
    @APIResponse(responseCode = "200", description = "The current version; ETag is its version")
    public Uni<RestResponse<EntryView<Diagnosis>>> getDiagnosis(@RestPath UUID patientId, @RestPath UUID id) {
        return entries.get(KIND, Diagnosis.class, patientId, id, caller())
                .map(view -> RestResponse.ResponseBuilder.ok(view).tag(Versions.etag(view.version())).build());
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Amend a diagnosis", description = "Writes a new version; the old one stays readable under /versions.")
    @APIResponse(responseCode = "200", description = "The new version")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, or no reason given")
    @APIResponse(responseCode = "409", description = "The entry is marked entered-in-error")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "422", description = "A code or dose is malformed")
    @APIResponse(responseCode = "428", description = "If-Match is missing")
    public Uni<RestResponse<EntryView<Diagnosis>>> amendDiagnosis(@RestPath UUID patientId, @RestPath UUID id,
            @Parameter(description = "The version being amended, from ETag") @RestHeader("If-Match") String ifMatch,
            @Valid @NotNull DiagnosisInput input) {
        int expected = Versions.fromIfMatch(ifMatch);
        ClinicalChecks.check(input.content());
        return entries.amend(KIND, Diagnosis.class, patientId, id, expected, input.status(), input.content(), input.reason(), caller())
                .map(view -> RestResponse.ResponseBuilder.ok(view).tag(Versions.etag(view.version())).build());
    }

    @POST
    @Path("/{id}/entered-in-error")
    @Operation(summary = "Mark a diagnosis entered in error", description = "Nothing is deleted: the entry keeps its versions and gets status ENTERED_IN_ERROR with the reason.")
    @APIResponse(responseCode = "200", description = "The entry, now entered-in-error")
    @APIResponse(responseCode = "400", description = "No reason given")
    public Uni<EntryView<Diagnosis>> markDiagnosisEnteredInError(@RestPath UUID patientId, @RestPath UUID id,
                                                             @Valid @NotNull EnteredInError input) {
        return entries.markEnteredInError(KIND, Diagnosis.class, patientId, id, input.reason(), caller());
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "List every version of a diagnosis")
    @APIResponse(responseCode = "200", description = "Oldest first")
    public Uni<List<VersionView<Diagnosis>>> listDiagnosisVersions(@RestPath UUID patientId, @RestPath UUID id) {
        return entries.versions(KIND, Diagnosis.class, patientId, id, caller());
    }

    private Caller caller() {
        return Caller.of(token);
    }
}
