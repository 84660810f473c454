package org.clinic.common.security;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may call the machine-to-machine endpoints: the internal identity, i.e. the shared secret
 * {@code clinic.internal-token} (INTERNAL_TOKEN) in {@code X-Internal-Token} for callers that cannot
 * hold a user token (cron jobs), or in the query parameter {@code internal-token} for those that
 * cannot even set a header (a Knative Trigger's or PingSource's subscriber URI; deploy/README.md says
 * how the value gets there). Events over HTTP accept only that ({@link #checkInternal}): a user token,
 * even an admin's, must never inject events. Reminder ticks also accept an admin ({@link #check}):
 * they only run early what the scheduler would run anyway.
 */
@ApplicationScoped
public class InternalAccess {

    public static final String HEADER = "X-Internal-Token";
    public static final String QUERY = "internal-token";

    private final Optional<String> token;
    private final CurrentIdentityAssociation identity;

    public InternalAccess(@ConfigProperty(name = "clinic.internal-token") Optional<String> token,
                          CurrentIdentityAssociation identity) {
        this.token = token.filter(t -> !t.isBlank());
        this.identity = identity;
    }

    /** The token from the header, else from the query parameter. */
    public Uni<Void> check(String headerToken, String queryToken) {
        return check(headerToken != null ? headerToken : queryToken);
    }

    public Uni<Void> check(String presentedToken) {
        return allowed(presentedToken, "ADMIN");
    }

    /** The internal token only (header, else query parameter); a bearer token of any role is refused (403). */
    public Uni<Void> checkInternal(String headerToken, String queryToken) {
        return allowed(headerToken != null ? headerToken : queryToken, null);
    }

    /** The internal token, or a user with {@code role} ({@code null}: no user at all). */
    private Uni<Void> allowed(String presentedToken, String role) {
        if (presentedToken != null && token.filter(expected -> matches(expected, presentedToken)).isPresent()) {
            return Uni.createFrom().voidItem();
        }
        return identity.getDeferredIdentity().map(caller -> {
            if (caller.isAnonymous()) {
                throw new UnauthorizedException();
            }
            if (role == null || !caller.hasRole(role)) {
                throw new ForbiddenException();
            }
            return null;
        });
    }

    private static boolean matches(String expected, String presented) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
