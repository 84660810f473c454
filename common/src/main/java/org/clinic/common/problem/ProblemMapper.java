package org.clinic.common.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.clinic.common.persistence.Sql;
import org.clinic.common.persistence.Transactions;
import org.clinic.common.validation.NulFreeText;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become RFC 9457 problem responses. Messages of unexpected
 * exceptions never reach the client (nor the log: they may quote stored values).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** A PostgreSQL restart takes a few seconds. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;
    static final int BUSY_RETRY_AFTER_SECONDS = 2;

    @ServerExceptionMapper
    public Response domain(ProblemException e, UriInfo uri) {
        Problem problem = Problem.of(e.status(), e.code(), e.title(), e.getMessage(), path(uri));
        if (e.status() == 503) { // busy for a moment: tell the client when to come back
            return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, BUSY_RETRY_AFTER_SECONDS)
                    .entity(problem).build();
        }
        return respond(e.errors().isEmpty() ? problem : problem.withErrors(e.errors()));
    }

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        return Response.status(429).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .entity(Problem.of(429, e.code(), e.title(), e.getMessage(), path(uri)))
                .build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        boolean returnValue = e.getConstraintViolations().stream()
                .anyMatch(v -> lastKind(v.getPropertyPath()) == ElementKind.RETURN_VALUE);
        if (returnValue) {
            return unexpected(e, uri);
        }
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(Problem.of(400, "VALIDATION_FAILED", "Validation failed", detail, path(uri)).withErrors(errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, UriInfo uri) {
        return respond(Problem.of(400, "MALFORMED_JSON", "Malformed request body",
                "The request body is not valid JSON", path(uri)));
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return jsonMapping(e, uri);
    }

    @ServerExceptionMapper
    public Response jsonMapping(JsonMappingException e, UriInfo uri) {
        String field = jsonPath(e);
        // The offending value is not echoed: it may be personal data.
        String message = e instanceof NulFreeText.NulCharacterException ? NulFreeText.MESSAGE : "has an invalid value or format";
        return respond(Problem.of(400, "VALIDATION_FAILED", "Validation failed", field + ": " + message, path(uri))
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "FORBIDDEN", "Forbidden",
                "Your role does not allow this operation", path(uri)));
    }

    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (Sql.failedWith(e, Set.of("23505"))) {
            return respond(Problem.of(409, "DUPLICATE", "Conflict",
                    "A resource with the same unique value already exists", path(uri)));
        }
        return unexpected(e, uri);
    }

    /** Two requests updated the same row at once (JPA version check): the loser retries. */
    @ServerExceptionMapper
    public Response concurrentUpdate(jakarta.persistence.OptimisticLockException e, UriInfo uri) {
        return respond(Problem.of(409, "CONCURRENT_UPDATE", "Conflict",
                "Someone else changed this resource at the same moment; read it again and retry", path(uri)));
    }

    @ServerExceptionMapper
    public Response staleState(org.hibernate.StaleStateException e, UriInfo uri) {
        return concurrentUpdate(null, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status == 404 && isConversionFailure(e.getCause())) {
            return invalidParameter(e.getCause(), uri);
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "Request failed";
        String code = known != null ? known.name() : "HTTP_" + status;
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, code, title, title, path(uri)));
        copyHeader(e.getResponse(), builder, HttpHeaders.ALLOW);
        copyHeader(e.getResponse(), builder, HttpHeaders.RETRY_AFTER);
        return builder.build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Transactions.isRetryable(e)) {
            // Still deadlocked after the retries: nothing was stored, and the client may try again.
            return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, 1)
                    .entity(Problem.of(503, "TRY_AGAIN", "Service Unavailable",
                            "Concurrent changes kept this request from completing; nothing was changed, try again", path(uri)))
                    .build();
        }
        if (Sql.lostDatabase(e)) {
            LOG.warnf("Database unreachable (%s); answered 503", e.getClass().getName());
            // A restart or a dropped connection: the pool reconnects by itself within seconds. A
            // write in flight may or may not have committed, so the detail does not promise either.
            return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                    .entity(Problem.of(503, "TRY_AGAIN", "Service Unavailable",
                            "The database could not be reached for a moment; try again (read back a change you sent: "
                                    + "it may or may not have been stored)", path(uri)))
                    .build();
        }
        String reference = UUID.randomUUID().toString();
        // Class and origin only: exception messages can carry SQL values or request data.
        StackTraceElement origin = e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null;
        LOG.errorf("Unexpected %s at %s (reference %s)", causeChain(e), origin, reference);
        return respond(Problem.of(500, "INTERNAL_ERROR", "Internal error",
                "The request could not be completed; quote reference " + reference, path(uri)));
    }

    /** The classes of {@code e} and its causes, outermost first: enough to diagnose, never a message. */
    private static String causeChain(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        for (Throwable t = e.getCause(); t != null && chain.length() < 1000; t = t.getCause() == t ? null : t.getCause()) {
            chain.append(" <- ").append(t.getClass().getName());
        }
        return chain.toString();
    }

    /**
     * JAX-RS answers 404 when a path or query parameter cannot be converted (a bad UUID, date or
     * enum value). That is bad input, so: 400 naming the parameters whose value the converter refused.
     */
    private static Response invalidParameter(Throwable cause, UriInfo uri) {
        String refusal = String.valueOf(cause.getMessage());
        List<Problem.FieldError> errors = new ArrayList<>();
        if (uri != null) {
            uri.getQueryParameters().forEach((name, values) -> values.stream()
                    .filter(v -> !v.isEmpty() && refusal.contains(v)).findFirst()
                    .ifPresent(v -> errors.add(new Problem.FieldError(name, "has an invalid value or format"))));
            uri.getPathParameters().forEach((name, values) -> values.stream()
                    .filter(v -> !v.isEmpty() && refusal.contains(v)).findFirst()
                    .ifPresent(v -> errors.add(new Problem.FieldError(name, "has an invalid value or format"))));
        }
        if (errors.isEmpty()) {
            errors.add(new Problem.FieldError("parameter", "a path or query parameter has an invalid value or format"));
        }
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(Problem.of(400, "VALIDATION_FAILED", "Validation failed", detail, path(uri)).withErrors(errors));
    }

    private static boolean isConversionFailure(Throwable cause) {
        return cause instanceof IllegalArgumentException || cause instanceof java.time.DateTimeException;
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problem.of(401, "UNAUTHENTICATED", "Unauthorized",
                        "A valid bearer token is required", path(uri)))
                .build();
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        Object value = from.getHeaders().getFirst(name);
        if (value != null) {
            to.header(name, value);
        }
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static ElementKind lastKind(Path path) {
        ElementKind kind = null;
        for (Path.Node node : path) {
            kind = node.getKind();
        }
        return kind;
    }

    /** {@code create.request.address.city} becomes {@code address.city}; a query parameter keeps its name. */
    static String fieldName(ConstraintViolation<?> violation) {
        StringBuilder properties = new StringBuilder();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            // An element of a list: its index belongs to the container before it ("identifiers[0].value").
            if (node.isInIterable() && !properties.isEmpty()) {
                properties.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            String name = node.getName();
            if (node.getKind() == ElementKind.PROPERTY && name != null) {
                if (!properties.isEmpty()) {
                    properties.append('.');
                }
                properties.append(name);
            }
        }
        if (!properties.isEmpty()) {
            return properties.toString();
        }
        return parameter != null ? parameter : "request";
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "request" : path.toString();
    }
}
