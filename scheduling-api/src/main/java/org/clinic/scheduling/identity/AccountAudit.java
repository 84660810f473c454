package org.clinic.scheduling.identity;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One change an admin made to a login (who, which login, what); never a password or token. */
@Entity
@Table(name = "account_audit")
public class AccountAudit extends PanacheEntityBase {

    /** What was done to the login. */
    public enum Action { CREATED, UPDATED, ENABLED, DISABLED, PASSWORD_RESET }

    @Id
    public UUID id;

    @Column(nullable = false)
    public Instant at;

    /** The admin's account; null when the platform itself acted (bootstrap, migration). */
    @Column(name = "actor_id")
    public UUID actorId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    /** An {@link Action} name, or one of the migration's own (e.g. UNLINKED_BY_MIGRATION). */
    @Column(nullable = false)
    public String action;

    @Column(nullable = false)
    public String detail;

    /** Adds the entry to the caller's transaction. */
    public static Uni<Void> record(UUID actorId, UUID accountId, Action action, String detail) {
        AccountAudit entry = new AccountAudit();
        entry.id = UUID.randomUUID();
        entry.at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        entry.actorId = actorId;
        entry.accountId = accountId;
        entry.action = action.name();
        entry.detail = detail;
        return entry.persist().replaceWithVoid();
    }

    /** What a login holds, as the audit shows it: roles and profile links, no personal data. */
    public static String describe(UserAccount user) {
        return "roles " + user.roles + ", doctor " + user.doctorId + ", patient " + user.patientId
                + (user.enabled ? "" : ", disabled");
    }
}
