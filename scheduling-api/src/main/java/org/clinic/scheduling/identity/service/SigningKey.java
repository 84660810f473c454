package org.clinic.scheduling.identity.service;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;

/**
 * The public half of the token signing key as a JWK: its RFC 7638 thumbprint is the {@code kid}
 * of every access token, and the JWK set is served at {@code /.well-known/jwks.json} so that other
 * services (or anyone) can verify tokens without sharing files. Read once at start.
 */
@ApplicationScoped
public class SigningKey {

    private final String publicKeyLocation;
    private volatile String keyId;
    private volatile Map<String, Object> jwks;

    public SigningKey(@ConfigProperty(name = "mp.jwt.verify.publickey.location") String publicKeyLocation) {
        this.publicKeyLocation = publicKeyLocation;
    }

    void load(@Observes StartupEvent event) {
        try {
            PublicKey key = KeyUtils.decodePublicKey(read(publicKeyLocation));
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            keyId = jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
            jwk.setKeyId(keyId);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            jwks = Map.of("keys", List.of(jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the token verification key at JWT_PUBLIC_KEY_LOCATION ("
                    + publicKeyLocation + ")", e);
        }
    }

    /** A {@code file:} URI or path, else a class-path resource. */
    private static String read(String location) throws java.io.IOException {
        if (location.startsWith("file:/")) {
            return java.nio.file.Files.readString(java.nio.file.Path.of(java.net.URI.create(location)));
        }
        if (location.startsWith("file:")) { // relative, e.g. file:../deploy/local/.run/keys/public.pem
            return java.nio.file.Files.readString(java.nio.file.Path.of(location.substring("file:".length())));
        }
        return io.smallrye.jwt.util.ResourceUtils.readResource(location);
    }

    public String keyId() {
        return keyId;
    }

    public Map<String, Object> jwks() {
        return jwks;
    }
}
