package org.clinic.scheduling.identity;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a new password must satisfy: a minimum length, bcrypt's 72-byte ceiling, and not being
 * built from the account's own e-mail or name.
 */
public final class PasswordPolicy {

    /** bcrypt ignores everything after 72 bytes. */
    public static final int MAX_BYTES = 72;
    private static final int MIN_PART_LENGTH = 3;

    private final int minLength;

    public PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    /** Answers why {@code password} is refused, or empty when it is acceptable. */
    public Optional<String> violation(String password, String email, String firstName, String lastName) {
        if (password == null || password.codePointCount(0, password.length()) < minLength) {
            return Optional.of("must be at least " + minLength + " characters long");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("must be at most " + MAX_BYTES + " bytes long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = email == null ? null : email.toLowerCase(Locale.ROOT).split("@", 2)[0];
        boolean personal = Stream.of(localPart, lower(firstName), lower(lastName))
                .filter(part -> part != null && part.length() >= MIN_PART_LENGTH)
                .anyMatch(lower::contains);
        return personal ? Optional.of("must not contain your e-mail or name") : Optional.empty();
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
