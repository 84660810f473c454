package org.clinic.common.problem;

/**
 * Thrown by domain code to answer with a specific problem (status + stable code);
 * {@link ProblemMapper} turns it into the response.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;

    public ProblemException(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "NOT_FOUND", "Not found", what + " was not found");
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
}
