package org.clinic.records.events;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.clinic.common.events.CloudEventHttp;
import org.clinic.common.security.InternalAccess;
import org.clinic.records.careteam.CareTeamProjection;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Scheduling events over HTTP, for a records-api scaled to zero behind a Knative trigger: the
 * same idempotent projection as the RabbitMQ consumer ({@link EventConsumer}).
 */
@Path("/api/v1/events")
@Tag(name = "Events", description = "CloudEvents delivered over HTTP (Knative Eventing)")
public class EventResource {

    private final CloudEventHttp http;
    private final CareTeamProjection projection;
    private final InternalAccess access;

    public EventResource(CloudEventHttp http, CareTeamProjection projection, InternalAccess access) {
        this.http = http;
        this.projection = projection;
        this.access = access;
    }

    @POST
    @PermitAll // checked by InternalAccess: the internal token only, never a user's token
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Receive a scheduling CloudEvent (structured or binary mode)",
            description = "Handled exactly like the same event from RabbitMQ: once per event id, and only when "
                    + "its producer signed it (clinicsignature) and its time is not in the future. Callers send the "
                    + "internal token in X-Internal-Token (or ?internal-token=); user tokens, even an admin's, are refused.")
    @RequestBody(description = "A CloudEvents 1.0 JSON envelope (Content-Type application/cloudevents+json), "
            + "or the event data with ce-specversion, ce-id, ce-type, ce-source, ce-subject and ce-time headers")
    @APIResponse(responseCode = "202", description = "Handled (or a duplicate of an event already handled)")
    @APIResponse(responseCode = "400", description = "Not a usable CloudEvent, or not a trusted one (unsigned, "
            + "badly signed, a source that does not own the type, a time in the future): names the attribute")
    @APIResponse(responseCode = "401", description = "No valid internal token")
    @APIResponse(responseCode = "403", description = "A user's bearer token (of any role) instead of the internal token")
    @APIResponse(responseCode = "503", description = "Handling failed after retries; the sender should retry later")
    public Uni<RestResponse<Void>> receiveEvent(
            @Parameter(description = "The shared internal token") @RestHeader(InternalAccess.HEADER) String internalToken,
            @Parameter(description = "The shared internal token, for callers that cannot set a header (Knative subscriber URIs)")
            @RestQuery(InternalAccess.QUERY) String internalTokenParameter,
            HttpHeaders headers, byte[] body) {
        return http.receive(access.checkInternal(internalToken, internalTokenParameter), headers, body, projection::applyOnce);
    }
}
