package org.clinic.records.report;

/** A report file's entity tag (its SHA-256, strong) and the If-None-Match check against it (RFC 9110 § 13.1.2). */
final class EntityTags {

    private EntityTags() {
    }

    static String strong(String sha256) {
        return "\"" + sha256 + "\"";
    }

    /** Whether an If-None-Match value names this tag: {@code *}, or the tag in its list (weak comparison, as the RFC asks). */
    static boolean matches(String ifNoneMatch, String sha256) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(strong(sha256))) {
                return true;
            }
        }
        return false;
    }
}
