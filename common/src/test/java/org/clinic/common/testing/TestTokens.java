package org.clinic.common.testing;

import io.smallrye.jwt.build.Jwt;
import java.util.Set;
import java.util.UUID;

/** Access tokens for tests, signed with the key from {@link JwtTestKeys}. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String withRoles(String... roles) {
        return Jwt.issuer(JwtTestKeys.ISSUER)
                .subject(UUID.randomUUID().toString())
                .upn("user-" + UUID.randomUUID() + "@clinic.test")
                .groups(Set.of(roles))
                .expiresIn(300)
                .sign();
    }
}
