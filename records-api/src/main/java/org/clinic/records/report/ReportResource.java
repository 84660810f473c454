package org.clinic.records.report;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.records.RecordsConfig;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** A patient's lab and imaging reports: upload (multipart), list, details, download, entered-in-error. */
@Path("/api/v1/patients/{patientId}/reports")
@Tag(name = "Reports")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"PATIENT", "DOCTOR", "STAFF", "ADMIN"})
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Not allowed: staff and admins see no clinical content; a doctor outside the care team needs emergency access; patients only read")
@APIResponse(responseCode = "404", description = "Unknown patient or report, or not a record this caller may know of")
public class ReportResource {

    private final ReportService reports;
    private final RecordsConfig config;
    private final JsonWebToken token;

    public ReportResource(ReportService reports, RecordsConfig config, JsonWebToken token) {
        this.reports = reports;
        this.config = config;
        this.token = token;
    }

    @Schema(name = "ReportEnteredInError")
    public record EnteredInError(@NotNull @Size(min = 1, max = 1000) @Schema(example = "Another patient's results") String reason) {
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a lab or imaging report", description = "Multipart form: file (PDF, PNG or JPEG; its "
            + "content must match its declared type), category, and optionally labName, remarks, appointmentId.")
    @APIResponse(responseCode = "201", description = "Stored (encrypted, with its SHA-256)")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid")
    @APIResponse(responseCode = "413", description = "The file is larger than the configured limit")
    @APIResponse(responseCode = "415", description = "Not a PDF, PNG or JPEG, or content that does not match the declared type")
    @APIResponse(responseCode = "503", description = "TRY_AGAIN: as many reports as the service takes at once are being "
            + "uploaded; nothing was stored, try again after Retry-After")
    public Uni<RestResponse<ReportView>> uploadReport(@RestPath UUID patientId,
            @RestForm("file") @Schema(type = SchemaType.STRING, format = "binary") FileUpload file,
            @RestForm @Parameter(description = "BLOOD_TEST, URINE_TEST, X_RAY, MRI, CT, ULTRASOUND, ECG, PATHOLOGY or OTHER") String category,
            @RestForm @Size(max = 200) String labName,
            @RestForm @Size(max = 5000) String remarks,
            @RestForm String appointmentId) {
        if (file == null) {
            throw ProblemException.invalidField("file", "is required");
        }
        ReportService.Category kind = parse(category);
        UUID appointment = appointmentId == null || appointmentId.isBlank() ? null : uuid(appointmentId);
        if (file.size() > config.maxReportBytes()) {
            throw new ProblemException(413, "FILE_TOO_LARGE", "Content too large",
                    "The file has " + file.size() + " bytes; the limit is " + config.maxReportBytes());
        }
        if (!FileTypes.accepted(file.contentType())) {
            throw new ProblemException(415, "UNSUPPORTED_FILE_TYPE", "Unsupported media type",
                    "file: must be one of " + FileTypes.acceptedList() + ", not " + file.contentType());
        }
        // Access and room were decided before the body was read (ReportUploadGate); the temporary file
        // is deleted when the request ends (quarkus.http.body.delete-uploaded-files-on-end).
        return reports.upload(patientId, new ReportService.Upload(appointment, kind, labName, remarks,
                        file.fileName(), file.contentType(), file.uploadedFile(), file.size()), caller())
                .map(view -> RestResponse.ResponseBuilder.<ReportView>created(
                        URI.create("/api/v1/patients/" + patientId + "/reports/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(summary = "List reports, newest first")
    @APIResponse(responseCode = "200", description = "One page")
    public Uni<Page<ReportView>> listReports(@RestPath UUID patientId,
            @Parameter(description = "Also reports marked entered-in-error") @RestQuery @DefaultValue("false") boolean includeEnteredInError,
            @RestQuery @DefaultValue("0") @Min(0) int page,
            @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        return reports.list(patientId, includeEnteredInError, page, size, caller());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a report's details")
    @APIResponse(responseCode = "200", description = "The report")
    public Uni<ReportView> getReport(@RestPath UUID patientId, @RestPath UUID id) {
        return reports.get(patientId, id, caller());
    }

    @GET
    @Path("/{id}/file")
    @Produces({"application/pdf", "image/png", "image/jpeg"})
    @Operation(summary = "Download a report's file", description = "Byte for byte as uploaded, with its content type; "
            + "the ETag is the file's SHA-256 (strong), so If-None-Match with it answers 304.")
    @APIResponse(responseCode = "200", description = "The file",
            headers = @Header(name = "ETag", description = "\"<sha256 of the file>\"", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "304", description = "If-None-Match names this file: the copy the client holds is current")
    @APIResponse(responseCode = "503", description = "Too many downloads in progress (TRY_AGAIN); try again after Retry-After")
    public Uni<Response> downloadReport(@RestPath UUID patientId, @RestPath UUID id,
            @Parameter(description = "ETag of a copy the client holds") @RestHeader("If-None-Match") String ifNoneMatch,
            RoutingContext routing) {
        return reports.download(patientId, id, sha256 -> EntityTags.matches(ifNoneMatch, sha256), caller(),
                giveBack -> routing.addEndHandler(ended -> giveBack.run())).map(file -> {
            String etag = EntityTags.strong(file.sha256());
            if (file.notModified()) {
                return Response.notModified().header(HttpHeaders.ETAG, etag).build();
            }
            // A plain Response: its writer is chosen from the entity's class (byte[], written as is). With
            // RestResponse<byte[]> or <Buffer> under several @Produces, the writer chosen at build time
            // wrote the entity's toString() (a Buffer decoded as UTF-8: every byte >= 0x80 became U+FFFD).
            return Response.ok(file.content(), file.contentType())
                    .header(HttpHeaders.ETAG, etag)
                    .header("Content-Disposition", "attachment; filename=\"" + safeName(file.fileName()) + "\"").build();
        });
    }

    @POST
    @Path("/{id}/entered-in-error")
    @Operation(summary = "Mark a report entered in error", description = "It stays stored, with the reason.")
    @APIResponse(responseCode = "200", description = "The report, now entered-in-error")
    public Uni<ReportView> markReportEnteredInError(@RestPath UUID patientId, @RestPath UUID id,
                                                    @Valid @NotNull EnteredInError input) {
        return reports.markEnteredInError(patientId, id, input.reason(), caller());
    }

    private Caller caller() {
        return Caller.of(token);
    }

    private static ReportService.Category parse(String category) {
        try {
            return ReportService.Category.valueOf(category == null ? "" : category.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("category", "must be one of "
                    + java.util.Arrays.toString(ReportService.Category.values()));
        }
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("appointmentId", "must be a UUID");
        }
    }

    /** A file name safe inside a quoted header value. */
    private static String safeName(String name) {
        String safe = name == null ? "report" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "report" : safe;
    }
}
