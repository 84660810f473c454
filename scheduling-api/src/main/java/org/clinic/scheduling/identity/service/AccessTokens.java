package org.clinic.scheduling.identity.service;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.clinic.common.security.ClinicClaims;
import org.clinic.scheduling.identity.IdentityConfig;
import org.clinic.scheduling.identity.Role;
import org.clinic.scheduling.identity.UserAccount;

/** Issues the RS256 access tokens described in DESIGN (claims, 15 minutes). */
@ApplicationScoped
public class AccessTokens {

    private final IdentityConfig config;
    private final SigningKey signingKey;
    private final Vertx vertx;

    public AccessTokens(IdentityConfig config, SigningKey signingKey, Vertx vertx) {
        this.config = config;
        this.signingKey = signingKey;
        this.vertx = vertx;
    }

    /** A signed token and its lifetime in seconds. */
    public record AccessToken(String token, long expiresInSeconds) {
    }

    /** Signs on a worker thread: RSA signing is CPU work. */
    public Uni<AccessToken> issue(UserAccount user) {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(config.accessTokenTtl());
        Set<String> groups = user.roleSet().stream().map(Role::name).collect(Collectors.toSet());
        return vertx.executeBlocking(() -> {
            var claims = Jwt.issuer(config.issuer())
                    .subject(user.id.toString())
                    .upn(user.email)
                    .groups(groups)
                    .claim("jti", UUID.randomUUID().toString())
                    .issuedAt(now)
                    .expiresAt(expiresAt);
            if (user.patientId != null) {
                claims.claim(ClinicClaims.PATIENT_ID, user.patientId.toString());
            }
            if (user.doctorId != null) {
                claims.claim(ClinicClaims.DOCTOR_ID, user.doctorId.toString());
            }
            return new AccessToken(claims.jws().keyId(signingKey.keyId()).sign(), config.accessTokenTtl().toSeconds());
        }, false);
    }
}
