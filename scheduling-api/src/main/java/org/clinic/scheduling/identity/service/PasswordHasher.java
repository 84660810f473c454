package org.clinic.scheduling.identity.service;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.scheduling.identity.IdentityConfig;

/**
 * bcrypt on a worker thread: a hash takes ~0.1 s of CPU and would stall every request sharing the
 * event loop. {@code executeBlocking} resumes on the caller's context, so the reactive database
 * session can be used right after.
 */
@ApplicationScoped
public class PasswordHasher {

    private final Vertx vertx;
    private final int cost;
    /** A hash of a random secret, checked when the e-mail is unknown so that timing gives nothing away. */
    private volatile String decoyHash;

    public PasswordHasher(Vertx vertx, IdentityConfig config) {
        this.vertx = vertx;
        this.cost = config.bcryptCost();
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(() -> BcryptUtil.bcryptHash(password, cost), false);
    }

    /** Constant-time check; with a {@code null} hash it checks a decoy and answers false. */
    public Uni<Boolean> matches(String password, String hash) {
        return vertx.executeBlocking(() -> {
            boolean matches = BcryptUtil.matches(password, hash != null ? hash : decoy());
            return hash != null && matches;
        }, false);
    }

    /** Runs on a worker thread. */
    private String decoy() {
        if (decoyHash == null) {
            decoyHash = BcryptUtil.bcryptHash(java.util.UUID.randomUUID().toString(), cost);
        }
        return decoyHash;
    }
}
