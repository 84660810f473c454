package org.clinic.records.entry.rest;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.UUID;
import org.clinic.common.security.Caller;
import org.clinic.records.entry.RecordSummary;
import org.clinic.records.entry.RecordSummaryService;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** The record at a glance. */
@Path("/api/v1/patients/{patientId}/record")
@Tag(name = "Record")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"PATIENT", "DOCTOR", "STAFF", "ADMIN"})
public class RecordResource {

    private final RecordSummaryService summaries;
    private final JsonWebToken token;

    public RecordResource(RecordSummaryService summaries, JsonWebToken token) {
        this.summaries = summaries;
        this.token = token;
    }

    @GET
    @Operation(summary = "Get the summary of a patient's record",
            description = "Active problems and chronic conditions, allergies, current medications, recent encounters.")
    @APIResponse(responseCode = "200", description = "The summary")
    @APIResponse(responseCode = "401", description = "Missing or invalid token")
    @APIResponse(responseCode = "403", description = "Staff and admins see no clinical content; a doctor outside the care team needs emergency access")
    @APIResponse(responseCode = "404", description = "Unknown patient, or not a record this caller may know of")
    public Uni<RecordSummary> getRecordSummary(@RestPath UUID patientId) {
        return summaries.summary(patientId, Caller.of(token));
    }
}
