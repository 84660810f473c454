package org.clinic.common.paging;

import jakarta.ws.rs.core.EntityTag;
import org.clinic.common.problem.ProblemException;

/** ETag / If-Match for resources with an optimistic-lock version. */
public final class Versions {

    private Versions() {
    }

    public static EntityTag etag(int version) {
        return new EntityTag(Integer.toString(version));
    }

    /** 412 when the {@code current} version of the {@code what} (e.g. "doctor") is not the one the client read. */
    public static void requireCurrent(int current, int expected, String what) {
        if (current != expected) {
            throw ProblemException.stale("The " + what + " changed since you read it; read it again");
        }
    }

    /** The version an {@code If-Match} header names: 428 when missing, 412 when it is no version of ours. */
    public static int fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "PRECONDITION_REQUIRED", "Precondition required",
                    "Send If-Match with the ETag from your last read, so that concurrent changes are not overwritten");
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ProblemException.stale("If-Match does not name a current version");
        }
    }
}
