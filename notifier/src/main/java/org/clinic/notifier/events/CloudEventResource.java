package org.clinic.notifier.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Locale;
import org.clinic.common.events.CloudEvent;
import org.clinic.common.events.EventInbox;
import org.clinic.common.events.MalformedEventException;
import org.clinic.common.problem.ProblemException;
import org.clinic.notifier.internal.InternalAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Events over HTTP, as a Knative Eventing trigger delivers them to a notifier that may be scaled
 * to zero: CloudEvents 1.0 in structured mode (the envelope as the body) or binary mode
 * ({@code ce-*} headers, the data as the body). They go through the same idempotent handler as
 * events from RabbitMQ.
 */
@Path("/api/v1/events")
@Tag(name = "Events", description = "CloudEvents delivered over HTTP (Knative Eventing)")
public class CloudEventResource {

    private final NotificationHandler handler;
    private final EventInbox inbox;
    private final InternalAccess access;
    private final ObjectMapper mapper;

    public CloudEventResource(NotificationHandler handler, EventInbox inbox, InternalAccess access, ObjectMapper mapper) {
        this.handler = handler;
        this.inbox = inbox;
        this.access = access;
        this.mapper = mapper;
    }

    @POST
    @PermitAll // checked by InternalAccess: an admin token or the internal token
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Receive a CloudEvent (structured or binary mode)",
            description = "Handled exactly like the same event from RabbitMQ: once per event id. Callers send "
                    + "the internal token in X-Internal-Token, or an admin's bearer token.")
    @RequestBody(description = "A CloudEvents 1.0 JSON envelope (Content-Type application/cloudevents+json), "
            + "or the event data with ce-specversion, ce-id, ce-type, ce-source, ce-subject and ce-time headers")
    @APIResponse(responseCode = "202", description = "Handled (or a duplicate of an event already handled)")
    @APIResponse(responseCode = "400", description = "Not a usable CloudEvent")
    @APIResponse(responseCode = "401", description = "Neither the internal token nor a valid bearer token")
    @APIResponse(responseCode = "403", description = "A bearer token without the ADMIN role")
    @APIResponse(responseCode = "503", description = "Handling failed after retries; the sender should retry later")
    public Uni<RestResponse<Void>> receiveEvent(
            @Parameter(description = "The shared internal token") @RestHeader(InternalAccess.HEADER) String internalToken,
            HttpHeaders headers, byte[] body) {
        return access.check(internalToken).chain(() -> handle(headers, body));
    }

    private Uni<RestResponse<Void>> handle(HttpHeaders headers, byte[] body) {
        return Uni.createFrom().item(() -> inbox.decode(structured(headers, body)))
                .onFailure(MalformedEventException.class).transform(e ->
                        new ProblemException(400, "MALFORMED_EVENT", "Malformed event", e.getMessage()))
                .chain(event -> handler.receive(event)
                        .onFailure(MalformedEventException.class).transform(e ->
                                new ProblemException(400, "MALFORMED_EVENT", "Malformed event", e.getMessage()))
                        .onFailure(e -> !(e instanceof ProblemException)).transform(e ->
                                new ProblemException(503, "EVENT_NOT_HANDLED", "Event not handled",
                                        "The event could not be handled now; retry later")))
                .replaceWith(RestResponse.<Void>accepted());
    }

    /** The event as a structured-mode envelope, whichever mode it came in. */
    private byte[] structured(HttpHeaders headers, byte[] body) {
        MediaType type = headers.getMediaType();
        if (type != null && (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT).equals(CloudEvent.STRUCTURED_CONTENT_TYPE)) {
            return body;
        }
        ObjectNode envelope = mapper.createObjectNode();
        headers.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("ce-") && !values.isEmpty()) {
                envelope.put(lower.substring(3), values.get(0));
            }
        });
        if (type != null) {
            envelope.put("datacontenttype", type.toString());
        }
        if (body != null && body.length > 0) {
            try {
                JsonNode data = mapper.readTree(body);
                envelope.set("data", data);
            } catch (IOException e) {
                throw new MalformedEventException("Binary-mode data is not JSON");
            }
        }
        try {
            return mapper.writeValueAsBytes(envelope);
        } catch (IOException e) {
            throw new MalformedEventException("Event could not be read");
        }
    }
}
