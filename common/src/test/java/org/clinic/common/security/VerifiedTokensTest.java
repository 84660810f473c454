package org.clinic.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The remembered verification of bearer tokens decides exactly what verifying again would. */
class VerifiedTokensTest {

    private static final String ISSUER = "https://clinic.test";
    private static final KeyPair KEYS = rsa();

    /** The real verifier, counting how often it is asked. */
    private static final class CountingVerifier extends DefaultJWTCallerPrincipalFactory {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
            calls.incrementAndGet();
            return super.parse(token, settings);
        }
    }

    private final CountingVerifier verifier = new CountingVerifier();
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, Clock.systemUTC(), 4);
    private final JWTAuthContextInfo settings = settings(KEYS);

    @Test
    void aTokenIsVerifiedOnceWhileItLasts() throws ParseException {
        String token = token("alice", 600);
        JWTCallerPrincipal first = tokens.parse(token, settings);
        JWTCallerPrincipal second = tokens.parse(token, settings);
        assertSame(first, second);
        assertEquals("alice", second.getSubject());
        assertEquals(1, verifier.calls.get());
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() throws Exception {
        String token = token("bob", 2);
        tokens.parse(token, settings);
        Thread.sleep(3_000);
        assertThrows(ParseException.class, () -> tokens.parse(token, settings));
        assertEquals(2, verifier.calls.get());
    }

    @Test
    void aRememberedTokenChangedInOneCharacterIsVerifiedAndRefused() throws ParseException {
        String token = token("carol", 600);
        tokens.parse(token, settings);
        for (int at : new int[] {10, token.indexOf('.') + 5, token.lastIndexOf('.') + 5, token.length() - 2}) {
            char[] chars = token.toCharArray();
            chars[at] = chars[at] == 'A' ? 'B' : 'A';
            String tampered = new String(chars);
            assertThrows(ParseException.class, () -> tokens.parse(tampered, settings), "changed at " + at);
        }
    }

    @Test
    void aTokenRememberedUnderOurSettingsIsVerifiedAgainUnderOthers() throws ParseException {
        String token = token("dave", 600);
        tokens.parse(token, settings);
        JWTAuthContextInfo anotherKey = settings(rsa());
        assertThrows(ParseException.class, () -> tokens.parse(token, anotherKey));
    }

    @Test
    void refusedTokensAreNotRemembered() {
        String foreign = Jwt.issuer(ISSUER).subject("eve").expiresIn(600).sign(rsa().getPrivate());
        assertThrows(ParseException.class, () -> tokens.parse(foreign, settings));
        assertThrows(ParseException.class, () -> tokens.parse(foreign, settings));
        assertEquals(2, verifier.calls.get());
        assertEquals(0, tokens.size());
    }

    @Test
    void atMostCapacityTokensAreKept() throws ParseException {
        for (int i = 0; i < 10; i++) {
            tokens.parse(token("user" + i, 600), settings);
            assertTrue(tokens.size() <= 4, "kept " + tokens.size());
        }
    }

    private static String token(String subject, long lifetimeSeconds) {
        Instant now = Instant.now();
        return Jwt.issuer(ISSUER).subject(subject).groups("PATIENT").issuedAt(now)
                .expiresAt(now.plusSeconds(lifetimeSeconds)).sign(KEYS.getPrivate());
    }

    private static JWTAuthContextInfo settings(KeyPair keys) {
        JWTAuthContextInfo settings = new JWTAuthContextInfo(keys.getPublic(), ISSUER);
        settings.setClockSkew(0);
        return settings;
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
