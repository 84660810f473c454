package org.clinic.records.crypto;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.clinic.records.RecordsConfig;

/**
 * AES-GCM encryption of clinical text at rest. A ciphertext reads {@code gcm1:<key id>:<base64 of
 * nonce and sealed bytes>}, so keys can rotate: new text uses the active key, old text keeps naming
 * the key it needs. The {@code context} (e.g. entry id and version) is bound as associated data:
 * ciphertext copied onto another row does not decrypt.
 */
@ApplicationScoped
public class FieldCipher {

    private static final String FORMAT = "gcm1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKey;
    private final SecureRandom random = new SecureRandom();

    public FieldCipher(RecordsConfig config) {
        for (String entry : config.encryption().keys().split(",")) {
            String[] idAndKey = entry.trim().split(":", 2);
            if (idAndKey.length != 2 || idAndKey[0].isBlank()) {
                throw new IllegalStateException("clinic.records.encryption.keys must read id:base64[,id:base64...]");
            }
            byte[] key = Base64.getDecoder().decode(idAndKey[1].trim());
            if (key.length != 32) {
                throw new IllegalStateException("Encryption key '" + idAndKey[0] + "' must be 32 bytes (AES-256)");
            }
            keys.put(idAndKey[0].trim(), new SecretKeySpec(key, "AES"));
        }
        this.activeKey = config.encryption().activeKey();
        if (!keys.containsKey(activeKey)) {
            throw new IllegalStateException("The active encryption key '" + activeKey + "' is not among the configured keys");
        }
    }

    public String encrypt(String plaintext, String context) {
        if (plaintext == null) {
            return null;
        }
        Sealed sealed = seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
        return FORMAT + ":" + sealed.keyId() + ":" + Base64.getEncoder().encodeToString(sealed.bytes());
    }

    public String decrypt(String stored, String context) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split(":", 3);
        if (parts.length != 3 || !FORMAT.equals(parts[0])) {
            throw new IllegalStateException("Not a ciphertext of this service");
        }
        return new String(open(new Sealed(parts[1], Base64.getDecoder().decode(parts[2])), context), StandardCharsets.UTF_8);
    }

    /** Encrypted bytes and the id of the key that sealed them (files are kept as bytes, not text). */
    public record Sealed(String keyId, byte[] bytes) {
    }

    public Sealed seal(byte[] plain, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return new Sealed(activeKey, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /**
     * Seals a file of known length as its chunks come, straight into the output array, so that a
     * large upload is never held twice (plaintext and ciphertext): the result is what
     * {@link #seal(byte[], String)} would give for the same bytes and context.
     */
    public Sealing sealing(long plainLength, String context) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[Math.toIntExact(NONCE_BYTES + plainLength + TAG_BITS / 8)];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            return new Sealing(activeKey, cipher, out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /** One file being sealed: {@link #update} with each chunk, then {@link #finish}. */
    public static final class Sealing {

        private final String keyId;
        private final Cipher cipher;
        private final byte[] out;
        private int written = NONCE_BYTES;

        private Sealing(String keyId, Cipher cipher, byte[] out) {
            this.keyId = keyId;
            this.cipher = cipher;
            this.out = out;
        }

        public void update(byte[] chunk, int offset, int length) {
            try {
                written += cipher.update(chunk, offset, length, out, written);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Encryption failed", e);
            }
        }

        /** The sealed bytes; fails if fewer or more bytes came than announced. */
        public Sealed finish() {
            try {
                written += cipher.doFinal(out, written);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Encryption failed (the file changed length while it was read?)", e);
            }
            if (written != out.length) {
                throw new IllegalStateException("The file changed length while it was read");
            }
            return new Sealed(keyId, out);
        }
    }

    public byte[] open(Sealed sealed, String context) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("Ciphertext names key '" + sealed.keyId() + "', which is not configured");
        }
        byte[] in = sealed.bytes();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ciphertext does not decrypt (wrong key, row or tampered)", e);
        }
    }
}
