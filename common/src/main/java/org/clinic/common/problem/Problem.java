package org.clinic.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem body ({@code application/problem+json}) with the stable {@code code}
 * and the field errors that our API conventions add.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
@RegisterForReflection(targets = {Problem.class, Problem.FieldError.class}) // entity of a plain Response
public record Problem(
        @Schema(example = "urn:clinic:problem:validation-failed") URI type,
        @Schema(example = "Validation failed") String title,
        @Schema(example = "400") int status,
        @Schema(example = "name: must not be blank") String detail,
        @Schema(example = "/api/v1/specializations") String instance,
        @Schema(description = "Stable machine-readable code", example = "VALIDATION_FAILED") String code,
        List<FieldError> errors,
        @Schema(description = "W3C trace id of the request: quote it when reporting a problem",
                example = "4bf92f3577b34da6a3ce929d0e0e4736") String traceId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input field; {@code field} is the JSON path of the field in the request. */
    public record FieldError(@Schema(example = "name") String field,
                             @Schema(example = "must not be blank") String message) {
    }

    public static Problem of(int status, String code, String title, String detail, String instance) {
        return new Problem(typeFor(code), title, status, detail, instance, code, null, currentTraceId());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, code, fieldErrors, traceId);
    }

    /** The W3C trace id of the current request or message, or {@code null} outside one. */
    public static String currentTraceId() {
        var context = io.opentelemetry.api.trace.Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    /** A stable, dereferenceable-looking identifier per code, e.g. {@code urn:clinic:problem:slot-taken}. */
    static URI typeFor(String code) {
        return URI.create("urn:clinic:problem:" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
}
