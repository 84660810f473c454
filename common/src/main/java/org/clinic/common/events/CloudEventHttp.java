package org.clinic.common.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Function;
import org.clinic.common.problem.ProblemException;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Events over HTTP, as a Knative Eventing trigger delivers them: CloudEvents 1.0 in structured mode
 * (the envelope as the body) or binary mode ({@code ce-*} headers, the data as the body). After the
 * caller check (InternalAccess: the internal token only), decodes the event, checks it is its
 * producer's (EventTrust) and hands it to the service's handler, the same one its RabbitMQ consumer
 * uses. Answers 202 (handled or duplicate), 400 (not a usable or not a trusted event, naming the
 * attribute: do not retry) or 503 (retry later).
 */
@ApplicationScoped
public class CloudEventHttp {

    private final EventInbox inbox;
    private final ObjectMapper mapper;

    public CloudEventHttp(EventInbox inbox, ObjectMapper mapper) {
        this.inbox = inbox;
        this.mapper = mapper;
    }

    /** {@code allowed}: the caller check ({@link InternalAccess#checkInternal(String, String)}). */
    public Uni<RestResponse<Void>> receive(Uni<Void> allowed, HttpHeaders headers, byte[] body,
                                           Function<CloudEvent, Uni<Void>> handler) {
        return allowed.chain(() -> Uni.createFrom().item(() -> structured(headers, body))
                .chain(inbox::accept)
                .onFailure(MalformedEventException.class).transform(CloudEventHttp::badRequest)
                .chain(event -> handler.apply(event)
                        .onFailure(MalformedEventException.class).transform(CloudEventHttp::badRequest)
                        .onFailure(e -> !(e instanceof ProblemException)).transform(e ->
                                new ProblemException(503, "EVENT_NOT_HANDLED", "Event not handled",
                                        "The event could not be handled now; retry later")))
                .replaceWith(RestResponse.<Void>accepted()));
    }

    private static ProblemException badRequest(Throwable e) {
        if (e instanceof UntrustedEventException untrusted) {
            return ProblemException.invalidField(untrusted.attribute(), untrusted.getMessage());
        }
        return new ProblemException(400, "MALFORMED_EVENT", "Malformed event", e.getMessage());
    }

    /** The event as a structured-mode envelope, whichever mode it came in. */
    private byte[] structured(HttpHeaders headers, byte[] body) {
        MediaType type = headers.getMediaType();
        if (type != null && (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT)
                .equals(CloudEvent.STRUCTURED_CONTENT_TYPE)) {
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
