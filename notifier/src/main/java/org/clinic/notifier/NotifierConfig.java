package org.clinic.notifier;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The notifier's own settings (prefix {@code clinic.notifier}); README § Configuration lists them. */
@ConfigMapping(prefix = "clinic.notifier")
public interface NotifierConfig {

    /** Where the web app lives: the links in messages point there. */
    @WithDefault("http://localhost:5173")
    String appUrl();

    Reminders reminders();

    Delivery delivery();

    Sms sms();

    Live live();

    interface Live {
        /**
         * A keep-alive comment on every live stream this often, well under quarkus.http.idle-timeout
         * (15 s); also how often the live feed's probe is published (three missed: the stream ends).
         */
        @WithDefault("5s")
        Duration heartbeat();
    }

    interface Reminders {
        /** How long before the start each reminder goes out. */
        @WithDefault("24h,2h")
        List<Duration> offsets();

        /** Period of the in-process tick (read by {@code @Scheduled}); {@code off} when ticks come only over HTTP. */
        @WithDefault("30s")
        String tickEvery();
    }

    interface Delivery {
        /** Period of the in-process delivery round (read by {@code @Scheduled}); a commit also starts one. */
        @WithDefault("5s")
        String pollEvery();

        /** Attempts per e-mail or SMS before it is marked failed (and kept for re-drive). */
        @WithDefault("6")
        int maxAttempts();

        /** Wait before the second attempt; doubles after each failure up to {@link #maxBackOff()}. */
        @WithDefault("30s")
        Duration initialBackOff();

        @WithDefault("30m")
        Duration maxBackOff();

        /** How long a claimed delivery is reserved for the replica sending it. */
        @WithDefault("60s")
        Duration lease();

        @WithDefault("50")
        int batchSize();
    }

    interface Sms {
        /** {@code log} (local use: logs that a message would go out) or {@code webhook}. */
        @WithDefault("log")
        String gateway();

        /** The gateway's endpoint: receives {@code POST {"to": "+351...", "text": "..."}}. */
        Optional<URI> webhookUrl();

        /** Sent as a bearer token to the webhook, when set. */
        Optional<String> webhookToken();

        @WithDefault("10s")
        Duration timeout();
    }
}
