package org.clinic.scheduling.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Tunables of accounts, passwords, tokens and the credential rate limits. */
@ConfigMapping(prefix = "clinic.identity")
public interface IdentityConfig {

    /** {@code iss} of the access tokens; verifiers expect the same value (JWT_ISSUER). */
    @WithDefault("https://clinic.local")
    String issuer();

    @WithDefault("15m")
    Duration accessTokenTtl();

    @WithDefault("7d")
    Duration refreshTokenTtl();

    @WithDefault("12")
    int passwordMinLength();

    /** bcrypt cost (log2 of the rounds): 10 takes ~0.1 s on one core. */
    @WithDefault("10")
    int bcryptCost();

    /** Secure attribute of the refresh cookie; only a plain-http development setup turns it off. */
    @WithDefault("true")
    boolean refreshCookieSecure();

    Limits limits();

    Bootstrap bootstrap();

    interface Limits {
        /** Failed logins per account per window before the account's logins are refused. */
        @WithDefault("5")
        int failedLoginsPerAccount();

        @WithDefault("15m")
        Duration failedLoginWindow();

        /** Login attempts per client address per minute. */
        @WithDefault("20")
        int loginsPerAddress();

        /** Registrations per client address per hour. */
        @WithDefault("10")
        int registrationsPerAddress();

        /** Refreshes per client address per minute. */
        @WithDefault("60")
        int refreshesPerAddress();
    }

    /** The first admin, created at start when no admin exists (CLINIC_BOOTSTRAP_ADMIN_*). */
    interface Bootstrap {
        Optional<String> adminEmail();

        Optional<String> adminPassword();
    }
}
