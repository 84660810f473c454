package org.clinic.notifier.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.clinic.notifier.NotifierConfig;

/** Chooses the SMS gateway from configuration. */
public class SmsSenders {

    @Produces
    @ApplicationScoped
    SmsSender smsSender(NotifierConfig config, ObjectMapper mapper) {
        NotifierConfig.Sms sms = config.sms();
        return switch (sms.gateway()) {
            case "log" -> new LoggingSmsSender();
            case "webhook" -> new WebhookSmsSender(sms.webhookUrl().orElseThrow(() -> new IllegalStateException(
                    "clinic.notifier.sms.webhook-url must be set for the webhook gateway")),
                    sms.webhookToken(), sms.timeout(), mapper);
            default -> throw new IllegalStateException("Unknown SMS gateway '" + sms.gateway() + "' (log or webhook)");
        };
    }
}
