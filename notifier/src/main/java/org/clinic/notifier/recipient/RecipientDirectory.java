package org.clinic.notifier.recipient;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.clinic.common.persistence.Sql;

/** Keeps recipients' names, languages and consented contacts up to date from events. */
@ApplicationScoped
public class RecipientDirectory {

    // An older event (redelivered or overtaken) never overwrites what a newer one said.
    private static final String UPSERT_CONTACT = """
            insert into recipient (id, kind, display_name, language, email, phone, contact_as_of, updated_at)
            values (:id, :kind, :name, :language, nullif(:email, ''), nullif(:phone, ''), :asOf, now())
            on conflict (id) do update
               set display_name = excluded.display_name, language = excluded.language, email = excluded.email,
                   phone = excluded.phone, contact_as_of = excluded.contact_as_of, updated_at = now()
             where recipient.contact_as_of is null or recipient.contact_as_of <= excluded.contact_as_of""";

    /**
     * Records what an event said about a person. {@code email} and {@code phone} are the channels
     * they consent to; {@code null} withdraws a channel.
     */
    public Uni<Void> learn(UUID id, String kind, String name, String language, String email, String phone, Instant asOf) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", id);
        p.put("kind", kind);
        p.put("name", name == null ? "" : name);
        p.put("language", language == null || language.isBlank() ? "en" : language);
        p.put("email", email == null ? "" : email);
        p.put("phone", phone == null ? "" : phone);
        p.put("asOf", asOf);
        return Sql.update(UPSERT_CONTACT, p).replaceWithVoid();
    }

    /** The recipient, or one with defaults (English, in-app only) when no event has named them yet. */
    public Uni<Recipient> find(UUID id, String kind) {
        return Recipient.<Recipient>findById(id).map(found -> {
            if (found != null) {
                return found;
            }
            Recipient unknown = new Recipient();
            unknown.id = id;
            unknown.kind = kind;
            return unknown;
        });
    }
}
