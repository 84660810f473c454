package org.clinic.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.clinic.records.crypto.FieldCipher;
import org.junit.jupiter.api.Test;

/** Key rotation and tamper evidence of the at-rest encryption, without the application. */
class FieldCipherTest {

    private static final String OLD = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void textWrittenWithARetiredKeyStaysReadableAfterRotation() {
        FieldCipher before = cipher("k1:" + OLD, "k1");
        String sealed = before.encrypt("Penicillin allergy", "entry:1:1");
        assertThat(sealed).startsWith("gcm1:k1:").doesNotContain("Penicillin");

        FieldCipher after = cipher("k1:" + OLD + ",k2:" + NEW, "k2");
        assertThat(after.decrypt(sealed, "entry:1:1")).isEqualTo("Penicillin allergy");
        assertThat(after.encrypt("Penicillin allergy", "entry:1:1")).startsWith("gcm1:k2:");
        // Same text, fresh nonce: ciphertexts differ.
        assertThat(after.encrypt("x", "c")).isNotEqualTo(after.encrypt("x", "c"));
    }

    @Test
    void ciphertextMovedToAnotherRowOrAlteredDoesNotDecrypt() {
        FieldCipher cipher = cipher("k1:" + OLD, "k1");
        String sealed = cipher.encrypt("Asthma", "entry:1:1");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "entry:2:1")).isInstanceOf(IllegalStateException.class);
        String altered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThatThrownBy(() -> cipher.decrypt(altered, "entry:1:1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher("k2:" + NEW, "k2").decrypt(sealed, "entry:1:1"))
                .hasMessageContaining("names key 'k1'");
    }

    @Test
    void badKeyConfigurationStopsTheService() {
        assertThatThrownBy(() -> cipher("k1:" + Base64.getEncoder().encodeToString(new byte[16]), "k1"))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> cipher("k1:" + OLD, "k9")).hasMessageContaining("active encryption key 'k9'");
        assertThatThrownBy(() -> cipher("nonsense", "k1")).hasMessageContaining("id:base64");
    }

    private static FieldCipher cipher(String keys, String active) {
        return new FieldCipher(new RecordsConfig() {
            @Override
            public Duration careWindow() {
                return Duration.ofDays(180);
            }

            @Override
            public Duration emergencyAccess() {
                return Duration.ofHours(1);
            }

            @Override
            public String clinicName() {
                return "Clinic";
            }

            @Override
            public String timeZone() {
                return "UTC";
            }

            @Override
            public long maxReportBytes() {
                return 1;
            }

            @Override
            public Encryption encryption() {
                return new Encryption() {
                    @Override
                    public String keys() {
                        return keys;
                    }

                    @Override
                    public String activeKey() {
                        return active;
                    }
                };
            }
        });
    }
}
