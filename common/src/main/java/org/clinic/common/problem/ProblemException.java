package org.clinic.common.problem;

import java.util.List;

/**
 * Thrown by domain code to answer with a specific problem (status + stable code);
 * {@link ProblemMapper} turns it into the response.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    private ProblemException(int status, String code, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = errors;
    }

    /** A rule on one input field that bean validation cannot express (e.g. a password policy). */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "VALIDATION_FAILED", "Validation failed", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    /** Well-formed input whose value makes no sense in its domain (e.g. a malformed ICD-10 code): 422. */
    public static ProblemException unprocessable(String code, String field, String message) {
        return new ProblemException(422, code, "Unprocessable content", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "NOT_FOUND", "Not found", what + " was not found");
    }

    /** The caller's role may not do this (a denied object read answers {@link #notFound} instead). */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "FORBIDDEN", "Forbidden", detail);
    }

    /** If-Match named a version that is no longer current. */
    public static ProblemException stale(String detail) {
        return new ProblemException(412, "STALE_VERSION", "Precondition failed", detail);
    }

    public static ProblemException conflict(String code, String detail) {
        return new ProblemException(409, code, "Conflict", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
