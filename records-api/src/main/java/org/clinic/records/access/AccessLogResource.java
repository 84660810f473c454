package org.clinic.records.access;

import org.clinic.common.validation.PlausibleTime;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
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
import jakarta.ws.rs.Path;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.security.Caller;
import org.clinic.records.crypto.FieldCipher;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/** Who accessed a record: the patient's own view, the admins' audit query, and emergency access. */
@Path("/api")
@Tag(name = "Access")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
public class AccessLogResource {

    private final JsonWebToken token;
    private final FieldCipher cipher;
    private final EmergencyAccessService emergency;

    public AccessLogResource(JsonWebToken token, FieldCipher cipher, EmergencyAccessService emergency) {
        this.token = token;
        this.cipher = cipher;
        this.emergency = emergency;
    }

    @Schema(name = "AccessLogEntry")
    public record AccessView(
            Instant at,
            UUID actorId,
            @Schema(example = "Dr. Ines Moreira") String actorName,
            @Schema(example = "DOCTOR") String actorRole,
            UUID patientId,
            @Schema(example = "DIAGNOSIS") String entryKind,
            UUID entryId,
            @Schema(example = "READ", enumeration = {"CREATE", "AMEND", "ENTERED_IN_ERROR", "READ", "LIST", "READ_VERSIONS",
                    "READ_SUMMARY", "EMERGENCY_ACCESS"}) String action,
            @Schema(description = "Trace id of the request") String requestId,
            @Schema(description = "The reason given for an emergency access", example = "Unconscious in the emergency room") String emergencyReason) {
    }

    @Schema(name = "EmergencyAccessRequest")
    public record EmergencyRequest(@NotNull @Size(min = 10, max = 1000)
                                   @Schema(example = "Unconscious in the emergency room, allergies unknown") String reason) {
    }

    @GET
    @Path("/v1/patients/{patientId}/access-log")
    @RolesAllowed("PATIENT")
    @Operation(summary = "See who accessed my record, newest first")
    @APIResponse(responseCode = "200", description = "One page of accesses")
    @APIResponse(responseCode = "404", description = "Not my record")
    public Uni<Page<AccessView>> listMyRecordAccesses(@RestPath UUID patientId,
            @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        Caller caller = Caller.of(token);
        if (!patientId.equals(caller.patientId())) {
            throw ProblemException.notFound("Patient " + patientId);
        }
        return query("patientId = :patient", Map.of("patient", patientId), page, size);
    }

    @GET
    @Path("/v1/admin/audit")
    @RolesAllowed("ADMIN")
    @Operation(summary = "Query the access audit")
    @APIResponse(responseCode = "200", description = "One page of audit entries, newest first")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Uni<Page<AccessView>> queryAudit(
            @Parameter(description = "Only accesses to this patient's record") @RestQuery UUID patientId,
            @Parameter(description = "Only accesses by this user (doctor or patient id)") @RestQuery UUID actorId,
            @Parameter(description = "Only this action, e.g. EMERGENCY_ACCESS") @RestQuery String action,
            @Parameter(description = "From this instant") @RestQuery @PlausibleTime Instant from,
            @Parameter(description = "Before this instant") @RestQuery @PlausibleTime Instant to,
            @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (patientId != null) {
            where.add("patientId = :patient");
            parameters.put("patient", patientId);
        }
        if (actorId != null) {
            where.add("actorId = :actor");
            parameters.put("actor", actorId);
        }
        if (action != null) {
            where.add("action = :action");
            parameters.put("action", action);
        }
        if (from != null) {
            where.add("at >= :from");
            parameters.put("from", from);
        }
        if (to != null) {
            where.add("at < :to");
            parameters.put("to", to);
        }
        return query(where.isEmpty() ? "" : String.join(" and ", where), parameters, page, size);
    }

    @POST
    @Path("/v1/patients/{patientId}/emergency-access")
    @RolesAllowed("DOCTOR")
    @Operation(summary = "Open a patient's record in an emergency (break the glass)",
            description = "For a doctor outside the care team. Lasts a short time, is audited with the reason, and the patient is told.")
    @APIResponse(responseCode = "201", description = "Access granted until expiresAt")
    @APIResponse(responseCode = "400", description = "No reason, or a reason under 10 characters")
    @APIResponse(responseCode = "403", description = "Not a doctor")
    @APIResponse(responseCode = "404", description = "Unknown patient")
    public Uni<RestResponse<EmergencyAccessService.Opened>> openEmergencyAccess(@RestPath UUID patientId,
                                                                                @Valid @NotNull EmergencyRequest request) {
        return emergency.open(patientId, request.reason(), Caller.of(token))
                .map(opened -> RestResponse.ResponseBuilder.<EmergencyAccessService.Opened>created(
                        URI.create("/api/v1/patients/" + patientId + "/emergency-access/" + opened.id())).entity(opened).build());
    }

    private Uni<Page<AccessView>> query(String where, Map<String, Object> parameters, int page, int size) {
        String query = (where.isEmpty() ? "" : where + " ") + "order by at desc, id";
        return Panache.withSession(() -> Page.fetch(AuditEntry.<AuditEntry>find(query, parameters).page(page, size), page, size)
                .chain(result -> names(result.items()).map(names -> result.map(entry -> new AccessView(entry.at, entry.actorId,
                        names.getOrDefault(entry.actorId, ""), entry.actorRole, entry.patientId, entry.entryKind, entry.entryId,
                        entry.action, entry.requestId,
                        entry.breakGlassReason == null ? null : cipher.decrypt(entry.breakGlassReason,
                                EmergencyAccessService.reasonContext(entry.patientId, entry.actorId)))))));
    }

    /** Display names of the doctors among the actors, in one query. */
    private static Uni<Map<UUID, String>> names(List<AuditEntry> entries) {
        List<UUID> doctors = entries.stream().filter(e -> "DOCTOR".equals(e.actorRole)).map(e -> e.actorId).distinct().toList();
        if (doctors.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select doctor_id, name from doctor_directory where doctor_id in (:ids)", Object[].class)
                .setParameter("ids", doctors)
                .getResultList()
                .map(rows -> {
                    Map<UUID, String> names = new HashMap<>();
                    rows.forEach(row -> names.put((UUID) row[0], (String) row[1]));
                    return names;
                }));
    }
}
