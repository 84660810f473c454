package org.clinic.scheduling.identity.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.UUID;
import org.clinic.common.problem.ProblemException;
import org.clinic.common.problem.RateLimitedException;
import org.clinic.common.ratelimit.RateLimiter;
import org.clinic.common.security.Fingerprint;
import org.clinic.scheduling.identity.IdentityConfig;
import org.clinic.scheduling.identity.PasswordPolicy;
import org.clinic.scheduling.identity.Role;
import org.clinic.scheduling.identity.UserAccount;
import org.clinic.scheduling.patient.Patient;
import org.clinic.scheduling.patient.service.PatientService;

/**
 * Registration, login, token refresh, logout and password change. Password hashing and token
 * signing run on worker threads; no transaction is held open while they run.
 */
@ApplicationScoped
public class AuthService {

    private static final java.time.Duration MINUTE = java.time.Duration.ofMinutes(1);
    private static final java.time.Duration HOUR = java.time.Duration.ofHours(1);

    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final RateLimiter limiter;
    private final IdentityConfig config;
    private final PasswordPolicy policy;
    private final MeterRegistry meters;
    private final PatientService patients;

    public AuthService(PasswordHasher hasher, AccessTokens accessTokens, RefreshTokens refreshTokens,
                       RateLimiter limiter, IdentityConfig config, MeterRegistry meters, PatientService patients) {
        this.patients = patients;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.limiter = limiter;
        this.config = config;
        this.policy = new PasswordPolicy(config.passwordMinLength());
        this.meters = meters;
    }

    /** What login, registration and refresh hand back. */
    public record Session(UserAccount user, AccessTokens.AccessToken access, RefreshTokens.IssuedRefreshToken refresh) {
    }

    public record Registration(String email, String password, String firstName, String lastName,
                               LocalDate dateOfBirth, String phone) {
    }

    /** Self-registration of a patient: the account and the patient profile in one transaction. */
    public Uni<Session> register(Registration request, String clientAddress) {
        String email = UserAccount.normalizeEmail(request.email());
        return limit("register-address", clientAddress, config.limits().registrationsPerAddress(), HOUR,
                RateLimiter.Fallback.FAIL_OPEN)
                .invoke(() -> requireAcceptable("password", request.password(), email, request.firstName(), request.lastName()))
                .chain(() -> hasher.hash(request.password()))
                .chain(hash -> Panache.withTransaction(() -> UserAccount.findByEmail(email).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(emailTaken());
                    }
                    Instant now = now();
                    Patient patient = new Patient();
                    patient.id = UUID.randomUUID();
                    patient.firstName = request.firstName().trim();
                    patient.lastName = request.lastName().trim();
                    patient.dateOfBirth = request.dateOfBirth();
                    patient.phone = request.phone();
                    patient.email = email;
                    // Self-registration with an e-mail is consent to be written to there; SMS needs opting in.
                    patient.consentEmail = true;
                    patient.active = true;
                    patient.createdAt = now;
                    patient.updatedAt = now;
                    UserAccount user = newAccount(email, hash, EnumSet.of(Role.PATIENT), patient.firstName, patient.lastName, now);
                    user.patientId = patient.id;
                    return patients.register(patient)
                            .chain(() -> user.persist())
                            .chain(() -> refreshTokens.issue(user.id))
                            .map(refresh -> new Session(user, null, refresh));
                })))
                .chain(this::withAccessToken)
                .invoke(() -> meters.counter("clinic.identity.registrations").increment());
    }

    public Uni<Session> login(String email, String password, String clientAddress) {
        String normalized = UserAccount.normalizeEmail(email);
        String account = Fingerprint.of(normalized == null ? "" : normalized);
        int maxFailures = config.limits().failedLoginsPerAccount();
        java.time.Duration window = config.limits().failedLoginWindow();
        return limit("login-address", clientAddress, config.limits().loginsPerAddress(), MINUTE, RateLimiter.Fallback.LOCAL)
                // Every attempt is counted before its password is checked (one atomic INCR), so
                // parallel guesses cannot all pass a check made before any of them failed; a
                // success clears the count.
                .chain(() -> limit("login-failures", account, maxFailures, window, RateLimiter.Fallback.LOCAL))
                .chain(() -> Panache.withSession(() -> UserAccount.findByEmail(normalized)))
                // Unknown e-mail, wrong password and disabled account: same answer, same work.
                .chain(user -> hasher.matches(password, user == null ? null : user.passwordHash)
                        .chain(matches -> {
                            if (!matches || !user.enabled) {
                                meters.counter("clinic.identity.logins", "outcome", "refused").increment();
                                return Uni.createFrom().failure(invalidCredentials());
                            }
                            return limiter.reset("login-failures", account).replaceWith(user);
                        }))
                .chain(user -> Panache.withTransaction(() -> refreshTokens.issue(user.id))
                        .map(refresh -> new Session(user, null, refresh)))
                .chain(this::withAccessToken)
                .invoke(() -> meters.counter("clinic.identity.logins", "outcome", "success").increment());
    }

    public Uni<Session> refresh(String presented, String clientAddress) {
        return limit("refresh-address", clientAddress, config.limits().refreshesPerAddress(), MINUTE,
                RateLimiter.Fallback.FAIL_OPEN)
                .chain(() -> presented == null || presented.isBlank()
                        ? Uni.createFrom().failure(invalidRefreshToken("No refresh token was presented"))
                        // The transaction commits even when the token is refused: a reuse must revoke its family.
                        : Panache.withTransaction(() -> refreshTokens.rotate(presented)))
                .chain(rotation -> switch (rotation.outcome()) {
                    case ROTATED -> withAccessToken(new Session(rotation.user(), null, rotation.next()));
                    case REUSED -> {
                        meters.counter("clinic.identity.refresh.reused").increment();
                        yield Uni.createFrom().failure(new ProblemException(401, "REFRESH_TOKEN_REUSED", "Unauthorized",
                                "This refresh token was already used; its whole session has been revoked"));
                    }
                    case EXPIRED -> Uni.createFrom().failure(invalidRefreshToken("The refresh token has expired"));
                    default -> Uni.createFrom().failure(invalidRefreshToken("The refresh token is not valid"));
                });
    }

    public Uni<Void> logout(String presented) {
        if (presented == null || presented.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> refreshTokens.revoke(presented));
    }

    public Uni<UserAccount> me(UUID userId) {
        return Panache.withSession(() -> UserAccount.<UserAccount>findById(userId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Account"));
    }

    /** Changes the caller's password after checking the current one; ends every other session. */
    public Uni<Void> changePassword(UUID userId, String currentPassword, String newPassword) {
        String account = userId.toString();
        int maxFailures = config.limits().failedLoginsPerAccount();
        java.time.Duration window = config.limits().failedLoginWindow();
        // Counted before the check, as logins are (see login).
        return limit("password-failures", account, maxFailures, window, RateLimiter.Fallback.LOCAL)
                .chain(() -> me(userId))
                .chain(user -> hasher.matches(currentPassword, user.passwordHash).chain(matches -> {
                    if (!matches) {
                        return Uni.createFrom().failure(ProblemException.invalidField(
                                "currentPassword", "is not your current password"));
                    }
                    requireAcceptable("newPassword", newPassword, user.email, user.firstName, user.lastName);
                    return limiter.reset("password-failures", account).chain(() -> hasher.hash(newPassword));
                }))
                .chain(hash -> Panache.withTransaction(() -> UserAccount.<UserAccount>findById(userId)
                        .chain(user -> {
                            user.passwordHash = hash;
                            user.passwordChangedAt = now();
                            user.updatedAt = user.passwordChangedAt;
                            return refreshTokens.revokeAll(userId);
                        })));
    }

    /** Throws a validation problem on {@code field} when the password breaks the policy. */
    void requireAcceptable(String field, String password, String email, String firstName, String lastName) {
        policy.violation(password, email, firstName, lastName).ifPresent(reason -> {
            throw ProblemException.invalidField(field, reason);
        });
    }

    static UserAccount newAccount(String email, String passwordHash, java.util.Set<Role> roles,
                                  String firstName, String lastName, Instant now) {
        UserAccount user = new UserAccount();
        user.id = UUID.randomUUID();
        user.email = email;
        user.passwordHash = passwordHash;
        user.roles = Role.join(roles);
        user.firstName = firstName;
        user.lastName = lastName;
        user.enabled = true;
        user.createdAt = now;
        user.updatedAt = now;
        user.passwordChangedAt = now;
        return user;
    }

    static ProblemException emailTaken() {
        return ProblemException.conflict("EMAIL_TAKEN", "An account with this e-mail already exists");
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private Uni<Session> withAccessToken(Session session) {
        return accessTokens.issue(session.user()).map(access -> new Session(session.user(), access, session.refresh()));
    }

    private Uni<Void> limit(String name, String key, int limit, java.time.Duration window, RateLimiter.Fallback fallback) {
        return limiter.hit(name, key, limit, window, fallback).chain(decision -> decision.allowed()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new RateLimitedException(decision.retryAfterSeconds())));
    }

    private static ProblemException invalidCredentials() {
        return new ProblemException(401, "INVALID_CREDENTIALS", "Unauthorized", "E-mail or password is not correct");
    }

    private static ProblemException invalidRefreshToken(String detail) {
        return new ProblemException(401, "INVALID_REFRESH_TOKEN", "Unauthorized", detail);
    }
}
