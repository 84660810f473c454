package org.clinic.common.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

/**
 * Access tokens for tests, signed with the key from {@link JwtTestKeys}; plus the bad ones, each
 * wrong for exactly one reason.
 */
public final class TestTokens {

    private TestTokens() {
    }

    public static String withRoles(String... roles) {
        return claims(roles).sign();
    }

    /** A patient's token, carrying their {@code patient_id}. */
    public static String forPatient(UUID patientId) {
        return claims("PATIENT").claim("patient_id", patientId.toString()).sign();
    }

    /** A doctor's token, carrying their {@code doctor_id}. */
    public static String forDoctor(UUID doctorId) {
        return claims("DOCTOR").claim("doctor_id", doctorId.toString()).sign();
    }

    /** Valid signature and issuer, but expired an hour ago (beyond any clock skew). */
    public static String expired() {
        Instant past = Instant.now().minusSeconds(7200);
        return claims("PATIENT").issuedAt(past).expiresAt(past.plusSeconds(3600)).sign();
    }

    /** Valid claims signed with a key the services do not know. */
    public static String signedByAnotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey stranger = generator.generateKeyPair().getPrivate();
            return claims("PATIENT").sign(stranger);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Valid signature from our key, but another issuer. */
    public static String fromIssuer(String issuer) {
        return claims("PATIENT").issuer(issuer).sign();
    }

    /** Valid claims with {@code "alg": "none"} and no signature. */
    public static String unsigned() {
        String valid = withRoles("ADMIN");
        String payload = valid.split("\\.")[1];
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        return header + "." + payload + ".";
    }

    /** A valid token whose payload was edited afterwards (PATIENT raised to ADMIN). */
    public static String tampered() {
        return raisedToAdmin(withRoles("PATIENT"));
    }

    /** {@code token} (a PATIENT's) with its payload edited to ADMIN, signature kept. */
    public static String raisedToAdmin(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"PATIENT\"", "\"ADMIN\"");
        return parts[0] + "." + base64Url(payload) + "." + parts[2];
    }

    private static JwtClaimsBuilder claims(String... roles) {
        return Jwt.issuer(JwtTestKeys.ISSUER)
                .subject(UUID.randomUUID().toString())
                .upn("user-" + UUID.randomUUID() + "@clinic.test")
                .groups(Set.of(roles))
                .expiresIn(300);
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
