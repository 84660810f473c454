package org.clinic.scheduling.identity.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.clinic.common.paging.Page;
import org.clinic.common.paging.Versions;
import org.clinic.common.problem.ProblemException;
import org.clinic.scheduling.doctor.Doctor;
import org.clinic.scheduling.identity.AccountAudit;
import org.clinic.scheduling.identity.AccountRules;
import org.clinic.scheduling.identity.Role;
import org.clinic.scheduling.identity.UserAccount;
import org.clinic.scheduling.patient.Patient;

/**
 * What admins do with logins: create them, change their names, roles and profile links, disable,
 * reset passwords. Every change is checked against {@link AccountRules} and recorded in the
 * {@link AccountAudit} in the same transaction; a change of reach ends the login's sessions.
 */
@ApplicationScoped
public class UserAdminService {

    /** Patients register themselves (or are linked by an admin to a profile staff registered). */
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

    /** The editable part of a login; a null profile id unlinks. */
    public record AccountChange(String firstName, String lastName, Set<Role> roles, UUID doctorId, UUID patientId,
                                boolean enabled) {
    }

    /** {@code actorId}: the admin acting, null for the platform itself (bootstrap). */
    public Uni<UserAccount> create(NewAccount request, UUID actorId) {
        String email = UserAccount.normalizeEmail(request.email());
        return Uni.createFrom().voidItem()
                .invoke(() -> {
                    if (!ADMIN_CREATED_ROLES.containsAll(request.roles())) {
                        throw ProblemException.invalidField("roles", "must be DOCTOR, STAFF or ADMIN; patients register themselves");
                    }
                    requireAllowed(request.roles(), request.doctorId(), null);
                    auth.requireAcceptable("password", request.password(), email, request.firstName(), request.lastName());
                })
                .chain(() -> hasher.hash(request.password()))
                .chain(hash -> Panache.withTransaction(() -> requireEmailFree(email)
                        .chain(() -> requireLinkable(null, request.doctorId(), null))
                        .chain(() -> {
                            UserAccount user = AuthService.newAccount(email, hash, request.roles(),
                                    request.firstName().trim(), request.lastName().trim(), AuthService.now());
                            user.doctorId = request.doctorId();
                            return persistAudited(user, actorId);
                        })));
    }

    /**
     * Creates a doctor's profile (by {@code createDoctor}, inside the transaction) and their login
     * together: both or neither.
     */
    public Uni<Doctor> createWithDoctor(String email, String password, String firstName, String lastName,
                                        UUID actorId, Supplier<Uni<Doctor>> createDoctor) {
        String normalized = UserAccount.normalizeEmail(email);
        return Uni.createFrom().voidItem()
                .invoke(() -> auth.requireAcceptable("account.password", password, normalized, firstName, lastName))
                .chain(() -> hasher.hash(password))
                .chain(hash -> Panache.withTransaction(() -> requireEmailFree(normalized)
                        .chain(() -> createDoctor.get())
                        .call(doctor -> {
                            UserAccount user = AuthService.newAccount(normalized, hash, EnumSet.of(Role.DOCTOR),
                                    firstName.trim(), lastName.trim(), AuthService.now());
                            user.doctorId = doctor.id;
                            return persistAudited(user, actorId);
                        })));
    }

    /** Replaces names, roles, links and the enabled flag if {@code expectedVersion} is current (else 412). */
    public Uni<UserAccount> update(UUID id, int expectedVersion, AccountChange change, UUID actorId) {
        return Uni.createFrom().voidItem()
                .invoke(() -> {
                    requireAllowed(change.roles(), change.doctorId(), change.patientId());
                    if (id.equals(actorId) && (!change.roles().contains(Role.ADMIN) || !change.enabled())) {
                        throw ProblemException.conflict("CANNOT_DEMOTE_SELF",
                                "Admins cannot take the ADMIN role from, or disable, their own account");
                    }
                })
                .chain(() -> Panache.withTransaction(() -> UserAccount.<UserAccount>findById(id)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Account " + id))
                        .invoke(user -> Versions.requireCurrent(user.version, expectedVersion, "account"))
                        .chain(user -> requireLinkable(id, change.doctorId(), change.patientId())
                                .chain(() -> apply(user, change, actorId)))));
    }

    private Uni<UserAccount> apply(UserAccount user, AccountChange change, UUID actorId) {
        String before = AccountAudit.describe(user);
        boolean reachChanged = !user.roleSet().equals(change.roles()) || !Objects.equals(user.doctorId, change.doctorId())
                || !Objects.equals(user.patientId, change.patientId()) || (user.enabled && !change.enabled());
        user.firstName = change.firstName().trim();
        user.lastName = change.lastName().trim();
        user.roles = Role.join(change.roles());
        user.doctorId = change.doctorId();
        user.patientId = change.patientId();
        user.enabled = change.enabled();
        user.updatedAt = AuthService.now();
        String after = AccountAudit.describe(user);
        // Access tokens carry roles and profile ids: new reach takes effect at the next login or
        // refresh, so ending the sessions makes a narrowed login lose its reach within 15 minutes.
        return Panache.flush()
                .call(() -> reachChanged ? refreshTokens.revokeAll(user.id) : Uni.createFrom().voidItem())
                .call(() -> AccountAudit.record(actorId, user.id, AccountAudit.Action.UPDATED,
                        before.equals(after) ? "names" : before + " -> " + after))
                .replaceWith(user);
    }

    /** All accounts, or the one with {@code email} when given. */
    public Uni<Page<UserAccount>> list(String email, int page, int size) {
        return Panache.withSession(() -> {
            var query = (email == null
                    ? UserAccount.<UserAccount>find("order by email")
                    : UserAccount.<UserAccount>find("email = ?1 order by email", UserAccount.normalizeEmail(email)))
                    .page(page, size);
            return Page.fetch(query, page, size);
        });
    }

    public Uni<UserAccount> get(UUID id) {
        return Panache.withSession(() -> UserAccount.<UserAccount>findById(id))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Account " + id));
    }

    /** What was done to one login, newest first. */
    public Uni<Page<AccountAudit>> audit(UUID id, int page, int size) {
        return get(id).chain(user -> Panache.withSession(() -> Page.fetch(
                AccountAudit.<AccountAudit>find("accountId = ?1 order by at desc, id", id).page(page, size), page, size)));
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
                    return (enabled ? Uni.createFrom().voidItem() : refreshTokens.revokeAll(id))
                            .call(() -> AccountAudit.record(actingAdmin, id,
                                    enabled ? AccountAudit.Action.ENABLED : AccountAudit.Action.DISABLED, ""));
                }));
    }

    public Uni<Void> resetPassword(UUID id, String newPassword, UUID actingAdmin) {
        return get(id)
                .invoke(user -> auth.requireAcceptable("password", newPassword, user.email, user.firstName, user.lastName))
                .chain(user -> hasher.hash(newPassword))
                .chain(hash -> Panache.withTransaction(() -> UserAccount.<UserAccount>findById(id)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Account " + id))
                        .chain(user -> {
                            user.passwordHash = hash;
                            user.passwordChangedAt = AuthService.now();
                            user.updatedAt = user.passwordChangedAt;
                            return refreshTokens.revokeAll(id)
                                    .call(() -> AccountAudit.record(actingAdmin, id, AccountAudit.Action.PASSWORD_RESET, ""));
                        })));
    }

    private static void requireAllowed(Set<Role> roles, UUID doctorId, UUID patientId) {
        AccountRules.check(roles, doctorId, patientId).ifPresent(violation -> {
            throw ProblemException.invalidField(violation.field(), violation.message());
        });
    }

    private static Uni<Void> requireEmailFree(String email) {
        return UserAccount.findByEmail(email).chain(existing -> existing != null
                ? Uni.createFrom().failure(AuthService.emailTaken())
                : Uni.createFrom().voidItem());
    }

    /** The profiles exist and no other login holds them (the unique indexes settle races: 409 DUPLICATE). */
    private static Uni<Void> requireLinkable(UUID accountId, UUID doctorId, UUID patientId) {
        Uni<Void> doctorFree = doctorId == null ? Uni.createFrom().voidItem()
                : Doctor.count("id = ?1 and active = true", doctorId).chain(found -> found == 0
                        ? Uni.createFrom().failure(ProblemException.invalidField("doctorId", "is not an active doctor"))
                        : heldElsewhere("doctorId", accountId, doctorId, "doctor"));
        return doctorFree.chain(() -> patientId == null ? Uni.createFrom().voidItem()
                : Patient.count("id = ?1 and active = true", patientId).chain(found -> found == 0
                        ? Uni.createFrom().failure(ProblemException.invalidField("patientId", "is not an active patient"))
                        : heldElsewhere("patientId", accountId, patientId, "patient")));
    }

    private static Uni<Void> heldElsewhere(String field, UUID accountId, UUID profileId, String profile) {
        String query = field + " = ?1" + (accountId == null ? "" : " and id <> ?2");
        Uni<Long> holders = accountId == null ? UserAccount.count(query, profileId) : UserAccount.count(query, profileId, accountId);
        return holders.chain(count -> count > 0
                ? Uni.createFrom().failure(ProblemException.conflict("PROFILE_ALREADY_LINKED",
                        "Another login already belongs to this " + profile + " profile"))
                : Uni.createFrom().voidItem());
    }

    private static Uni<UserAccount> persistAudited(UserAccount user, UUID actorId) {
        return user.<UserAccount>persist()
                .call(saved -> AccountAudit.record(actorId, saved.id, AccountAudit.Action.CREATED, AccountAudit.describe(saved)));
    }
}
