package org.clinic.records;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** records-api's own settings (prefix {@code clinic.records}); README § Configuration lists them. */
@ConfigMapping(prefix = "clinic.records")
public interface RecordsConfig {

    /** How long after their last appointment a doctor still belongs to a patient's care team. */
    @WithDefault("180d")
    Duration careWindow();

    /** How long an emergency ("break the glass") access lasts. */
    @WithDefault("1h")
    Duration emergencyAccess();

    /** Printed at the top of prescriptions. */
    @WithDefault("Clinic")
    String clinicName();

    /** Zone of the dates printed on documents. */
    @WithDefault("UTC")
    String timeZone();

    /** Largest report file accepted, in bytes. */
    @WithDefault("10485760")
    long maxReportBytes();

    Encryption encryption();

    interface Encryption {
        /**
         * Keys as {@code id:base64,id:base64} (AES, 256 bits). Old keys stay listed so that what
         * they encrypted stays readable; new ciphertext uses {@link #activeKey()}.
         */
        String keys();

        /** Id of the key new ciphertext is written with. */
        String activeKey();
    }
}
