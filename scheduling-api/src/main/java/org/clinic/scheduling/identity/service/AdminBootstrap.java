package org.clinic.scheduling.identity.service;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.EnumSet;
import org.clinic.common.problem.ProblemException;
import org.clinic.scheduling.identity.IdentityConfig;
import org.clinic.scheduling.identity.Role;
import org.clinic.scheduling.identity.UserAccount;
import org.jboss.logging.Logger;

/**
 * Creates the first admin from CLINIC_BOOTSTRAP_ADMIN_EMAIL / CLINIC_BOOTSTRAP_ADMIN_PASSWORD when
 * no admin exists yet. Without both variables nothing happens: there is never a default password.
 * Values the account rules refuse stop the start-up with the reason.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final IdentityConfig config;
    private final UserAdminService users;

    public AdminBootstrap(IdentityConfig config, UserAdminService users) {
        this.config = config;
        this.users = users;
    }

    void onStart(@Observes StartupEvent event) {
        var bootstrap = config.bootstrap();
        if (bootstrap.adminEmail().isEmpty() || bootstrap.adminPassword().isEmpty()) {
            return;
        }
        try {
            // Start-up runs on the main thread, so waiting here blocks no event loop.
            Boolean created = VertxContextSupport.subscribeAndAwait(() -> anAdminExists().chain(exists -> exists
                    ? Uni.createFrom().item(false)
                    : users.create(new UserAdminService.NewAccount(bootstrap.adminEmail().get(),
                            bootstrap.adminPassword().get(), "Clinic", "Administrator", EnumSet.of(Role.ADMIN), null), null)
                            .replaceWith(true)));
            if (created) {
                LOG.info("Bootstrap admin account created from CLINIC_BOOTSTRAP_ADMIN_EMAIL");
            }
        } catch (ProblemException e) {
            // The operator asked for an admin that can never exist (e.g. a password the policy
            // refuses): stop, so that no deployment script reports a platform nobody can administer.
            throw new IllegalStateException("Bootstrap admin from CLINIC_BOOTSTRAP_ADMIN_EMAIL refused: "
                    + e.getMessage() + "; fix CLINIC_BOOTSTRAP_ADMIN_PASSWORD / _EMAIL and start again");
        } catch (Throwable e) {
            LOG.errorf("Bootstrap admin not created (%s); it will be tried again at the next start", e.getClass().getName());
        }
    }

    private Uni<Boolean> anAdminExists() {
        return io.quarkus.hibernate.reactive.panache.Panache.withSession(() ->
                UserAccount.count("roles like ?1", "%" + Role.ADMIN.name() + "%").map(count -> count > 0));
    }
}
