package org.clinic.scheduling.identity.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.ProblemException;
import org.clinic.scheduling.identity.Role;
import org.clinic.scheduling.identity.UserAccount;

/** What admins do with accounts: create staff, doctor and admin logins, disable, reset passwords. */
@ApplicationScoped
public class UserAdminService {

    /** Patients register themselves (or are registered by staff with their profile). */
    static final Set<Role> ADMIN_CREATED_ROLES = EnumSet.of(Role.DOCTOR, Role.STAFF, Role.ADMIN);

    private final PasswordHasher hasher;
    private final RefreshTokens refreshTokens;
    private final AuthService auth;

    public UserAdminService(PasswordHasher hasher, RefreshTokens refreshTokens, AuthService auth) {
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.auth = auth;
    }

    public record NewAccount(String email, String password, String firstName, String lastName,
                             Set<Role> roles, UUID doctorId) {
    }

    public Uni<UserAccount> create(NewAccount request) {
        String email = UserAccount.normalizeEmail(request.email());
        return Uni.createFrom().voidItem()
                .invoke(() -> {
                    if (!ADMIN_CREATED_ROLES.containsAll(request.roles())) {
                        throw ProblemException.invalidField("roles", "must be DOCTOR, STAFF or ADMIN; patients register themselves");
                    }
                    auth.requireAcceptable("password", request.password(), email, request.firstName(), request.lastName());
                })
                .chain(() -> hasher.hash(request.password()))
                .chain(hash -> Panache.withTransaction(() -> UserAccount.findByEmail(email).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(AuthService.emailTaken());
                    }
                    UserAccount user = AuthService.newAccount(email, hash, request.roles(),
                            request.firstName().trim(), request.lastName().trim(), AuthService.now());
                    user.doctorId = request.doctorId();
                    return user.<UserAccount>persist();
                })));
    }

    /**
     * Creates a doctor's profile (by {@code createDoctor}, inside the transaction) and their login
     * together: both or neither.
     */
    public Uni<org.clinic.scheduling.doctor.Doctor> createWithDoctor(String email, String password, String firstName,
            String lastName, java.util.function.Supplier<Uni<org.clinic.scheduling.doctor.Doctor>> createDoctor) {
        String normalized = UserAccount.normalizeEmail(email);
        return Uni.createFrom().voidItem()
                .invoke(() -> auth.requireAcceptable("account.password", password, normalized, firstName, lastName))
                .chain(() -> hasher.hash(password))
                .chain(hash -> Panache.withTransaction(() -> UserAccount.findByEmail(normalized).chain(existing -> {
                    if (existing != null) {
                        return Uni.createFrom().failure(AuthService.emailTaken());
                    }
                    return createDoctor.get().call(doctor -> {
                        UserAccount user = AuthService.newAccount(normalized, hash, EnumSet.of(Role.DOCTOR),
                                firstName.trim(), lastName.trim(), AuthService.now());
                        user.doctorId = doctor.id;
                        return user.persist();
                    });
                })));
    }

    public Uni<Page<UserAccount>> list(int page, int size) {
        return Panache.withSession(() -> {
            var query = UserAccount.<UserAccount>find("order by email").page(page, size);
            return Page.fetch(query, page, size);
        });
    }

    public Uni<UserAccount> get(UUID id) {
        return Panache.withSession(() -> UserAccount.<UserAccount>findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Account " + id));
    }

    /** Disabling ends the account's sessions at once (refresh tokens); access tokens lapse within 15 min. */
    public Uni<UserAccount> setEnabled(UUID id, boolean enabled, UUID actingAdmin) {
        if (!enabled && id.equals(actingAdmin)) {
            return Uni.createFrom().failure(ProblemException.conflict("CANNOT_DISABLE_SELF",
                    "Admins cannot disable their own account"));
        }
        return Panache.withTransaction(() -> UserAccount.<UserAccount>findById(id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Account " + id))
                .call(user -> {
                    user.enabled = enabled;
                    user.updatedAt = AuthService.now();
                    return enabled ? Uni.createFrom().voidItem() : refreshTokens.revokeAll(id);
                }));
    }

    public Uni<Void> resetPassword(UUID id, String newPassword) {
        return get(id)
                .invoke(user -> auth.requireAcceptable("password", newPassword, user.email, user.firstName, user.lastName))
                .chain(user -> hasher.hash(newPassword))
                .chain(hash -> Panache.withTransaction(() -> UserAccount.<UserAccount>findById(id)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Account " + id))
                        .chain(user -> {
                            user.passwordHash = hash;
                            user.passwordChangedAt = AuthService.now();
                            user.updatedAt = user.passwordChangedAt;
                            return refreshTokens.revokeAll(id);
                        })));
    }
}
