package org.clinic.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * Gives a test run its own RSA key pair (nothing committed): the service verifies with the public
 * key, {@link TestTokens} signs with the private one.
 */
public class JwtTestKeys implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://clinic.test";

    private static Path directory;

    @Override
    public synchronized Map<String, String> start() {
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("clinic-jwt-test");
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                write(directory.resolve("private.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
                write(directory.resolve("public.pem"), "PUBLIC KEY", pair.getPublic().getEncoded());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String publicKey = directory.resolve("public.pem").toUri().toString();
        String privateKey = directory.resolve("private.pem").toUri().toString();
        // Both the variables the services' configuration expands and the properties they feed.
        return Map.of(
                "JWT_ISSUER", ISSUER,
                "JWT_PUBLIC_KEY_LOCATION", publicKey,
                "JWT_PRIVATE_KEY_LOCATION", privateKey,
                "mp.jwt.verify.publickey.location", publicKey,
                "mp.jwt.verify.issuer", ISSUER,
                "smallrye.jwt.sign.key.location", privateKey,
                "smallrye.jwt.new-token.issuer", ISSUER);
    }

    @Override
    public void stop() {
        // The key pair lives in a temp directory for the whole JVM; several test classes share it.
    }

    private static void write(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
