package org.clinic.notifier.message;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a message from its Qute template {@code templates/messages/<language>/<message>.txt}.
 * Each template holds one part per channel ({@code subject}, {@code email}, {@code sms}); in-app
 * notifications use the subject as title and the SMS text as body. A language without a template
 * falls back to English.
 */
@ApplicationScoped
public class MessageRenderer {

    public static final String DEFAULT_LANGUAGE = "en";
    /** Languages with a full set of templates (keep quarkus.locales in step for native builds). */
    public static final Set<String> LANGUAGES = Set.of("en", "pt");

    private final Engine engine;

    public MessageRenderer(Engine engine) {
        this.engine = engine;
    }

    public Rendered render(String message, String language, MessageModel model) {
        Template template = engine.getTemplate("messages/" + supported(language) + "/" + message + ".txt");
        if (template == null) {
            throw new IllegalStateException("No template for message " + message);
        }
        return new Rendered(part(template, "subject", model), part(template, "email", model), part(template, "sms", model));
    }

    /** Start of an appointment as its recipient reads it, e.g. "Monday, December 7, 2026 at 9:00 AM (Europe/Lisbon)". */
    public static String localTime(Instant instant, ZoneId zone, String language) {
        Locale locale = Locale.forLanguageTag(supported(language));
        String text = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone).format(instant);
        return text + " (" + zone.getId() + ")";
    }

    public static String supported(String language) {
        return language != null && LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE;
    }

    private static String part(Template template, String id, MessageModel model) {
        Template.Fragment fragment = template.getFragment(id);
        if (fragment == null) {
            throw new IllegalStateException("Template " + template.getId() + " lacks its '" + id + "' part");
        }
        return fragment.data("m", model).render().strip();
    }

    /** A message written for every channel. */
    public record Rendered(String subject, String email, String sms) {
    }
}
