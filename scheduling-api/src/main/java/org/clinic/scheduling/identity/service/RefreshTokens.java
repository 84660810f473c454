package org.clinic.scheduling.identity.service;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;
import org.clinic.common.security.Fingerprint;
import org.clinic.scheduling.identity.IdentityConfig;
import org.clinic.scheduling.identity.RefreshToken;
import org.clinic.scheduling.identity.UserAccount;

/**
 * Opaque refresh tokens with rotation: each is used once and replaced by a successor of the same
 * family; presenting a used token means it leaked, so the whole family is revoked. Every method
 * runs inside the caller's transaction.
 */
@ApplicationScoped
public class RefreshTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityConfig config;

    public RefreshTokens(IdentityConfig config) {
        this.config = config;
    }

    /** The token as handed to the client (never stored) and its expiry. */
    public record IssuedRefreshToken(String token, Instant expiresAt) {
    }

    public enum Outcome { ROTATED, UNKNOWN, EXPIRED, REUSED, ACCOUNT_DISABLED }

    /** Result of {@link #rotate}; {@code user} and {@code next} are set when rotated. */
    public record Rotation(Outcome outcome, UserAccount user, IssuedRefreshToken next) {
        static Rotation failed(Outcome outcome) {
            return new Rotation(outcome, null, null);
        }
    }

    /** Starts a new family (a login). */
    public Uni<IssuedRefreshToken> issue(UUID userId) {
        return issue(userId, UUID.randomUUID());
    }

    public Uni<Rotation> rotate(String presented) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return RefreshToken.<RefreshToken>find("tokenHash", Fingerprint.of(presented)).firstResult()
                .chain(token -> {
                    if (token == null || token.revokedAt != null) {
                        return Uni.createFrom().item(Rotation.failed(Outcome.UNKNOWN));
                    }
                    if (!token.expiresAt.isAfter(now)) {
                        return Uni.createFrom().item(Rotation.failed(Outcome.EXPIRED));
                    }
                    // Marking it used is the race guard: of two concurrent refreshes, one updates a row.
                    return RefreshToken.update("usedAt = ?1 where id = ?2 and usedAt is null", now, token.id)
                            .chain(updated -> updated == 0
                                    ? revokeFamily(token.familyId).replaceWith(Rotation.failed(Outcome.REUSED))
                                    : successor(token));
                });
    }

    /** Revokes the family of {@code presented}, if it is one of ours (logout). */
    public Uni<Void> revoke(String presented) {
        return RefreshToken.<RefreshToken>find("tokenHash", Fingerprint.of(presented)).firstResult()
                .chain(token -> token == null ? Uni.createFrom().voidItem() : revokeFamily(token.familyId));
    }

    /** Revokes every token of a user (password change, reset, account disabled). */
    public Uni<Void> revokeAll(UUID userId) {
        return RefreshToken.update("revokedAt = ?1 where userId = ?2 and revokedAt is null", Instant.now(), userId)
                .replaceWithVoid();
    }

    private Uni<Rotation> successor(RefreshToken used) {
        return UserAccount.<UserAccount>findById(used.userId).chain(user -> {
            if (user == null || !user.enabled) {
                return revokeFamily(used.familyId).replaceWith(Rotation.failed(Outcome.ACCOUNT_DISABLED));
            }
            return issue(user.id, used.familyId).map(next -> new Rotation(Outcome.ROTATED, user, next));
        });
    }

    private Uni<Void> revokeFamily(UUID familyId) {
        return RefreshToken.update("revokedAt = ?1 where familyId = ?2 and revokedAt is null", Instant.now(), familyId)
                .replaceWithVoid();
    }

    private Uni<IssuedRefreshToken> issue(UUID userId, UUID familyId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.familyId = familyId;
        token.userId = userId;
        token.tokenHash = Fingerprint.of(value);
        token.issuedAt = now;
        token.expiresAt = now.plus(config.refreshTokenTtl());
        return token.persist().replaceWith(new IssuedRefreshToken(value, token.expiresAt));
    }
}
