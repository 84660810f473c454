package org.clinic.common.security;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies each bearer token once and remembers the result until the token expires.
 *
 * <p>Verifying an RS256 token (base64, JSON, RSA) took 13-17 % of scheduling-api's CPU per
 * booking, while a browser sends the same access token with every request for its 15 minutes.
 * Access tokens are stateless by design (nothing revokes one before {@code exp}), so answering a
 * token seen before from memory decides exactly what verifying it again would, as long as:
 * <ul>
 * <li>the key is the whole token, compared in full: a token changed in any character (claims,
 * header or signature) is a different key and is verified from scratch;</li>
 * <li>{@code exp} is checked again on every use, so a remembered token stops working when it
 * expires, to the second;</li>
 * <li>only a verification under the same settings is reused (a caller verifying with another key
 * or issuer never gets an answer reached under ours).</li>
 * </ul>
 * Refused tokens are never remembered. Nothing is remembered when a maximum token age or lifetime
 * is configured (verification then depends on more than the token). At most {@value #CAPACITY}
 * tokens are kept (a few KB each, tens of MB at most); when full, expired ones go first, then all
 * (the next use of each verifies again). The key is a file read at start, never rotated at run time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends JWTCallerPrincipalFactory {

    static final int CAPACITY = 8192;

    private record Verified(JWTCallerPrincipal principal, long expiresAtSecond, JWTAuthContextInfo settings) {
    }

    private final JWTCallerPrincipalFactory verifier;
    private final Clock clock;
    private final int capacity;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokens() {
        this(new DefaultJWTCallerPrincipalFactory(), Clock.systemUTC(), CAPACITY);
    }

    VerifiedTokens(JWTCallerPrincipalFactory verifier, Clock clock, int capacity) {
        this.verifier = verifier;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
        if (settings.getTokenAge() != null || settings.getMaxTimeToLiveSecs() != null) {
            return verifier.parse(token, settings);
        }
        long now = clock.millis() / 1000;
        Verified known = verified.get(token);
        if (known != null && known.settings() == settings && now < known.expiresAtSecond()) {
            return known.principal();
        }
        if (known != null) {
            verified.remove(token, known);
        }
        JWTCallerPrincipal principal = verifier.parse(token, settings); // throws when refused
        long expiresAt = principal.getExpirationTime();
        if (expiresAt > now) {
            makeRoom(now);
            verified.put(token, new Verified(principal, expiresAt, settings));
        }
        return principal;
    }

    /** How many verified tokens are remembered now. */
    int size() {
        return verified.size();
    }

    private void makeRoom(long now) {
        if (verified.size() < capacity) {
            return;
        }
        verified.values().removeIf(v -> v.expiresAtSecond() <= now);
        if (verified.size() >= capacity) {
            verified.clear();
        }
    }
}
