package org.clinic.notifier.recipient;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.Map;
import org.clinic.common.persistence.Sql;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Which channels the caller wants messages on. A channel is used only when it is on here and the
 * person consented to it in their profile (scheduling-api), which is what puts an address on file.
 */
@Path("/api/v1/notification-preferences")
@Tag(name = "Notifications")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"PATIENT", "DOCTOR"})
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token names neither a patient nor a doctor")
public class PreferenceResource {

    private static final String UPSERT = """
            insert into recipient (id, kind, email_enabled, sms_enabled, in_app_enabled, updated_at)
            values (:id, :kind, :email, :sms, :inApp, now())
            on conflict (id) do update
               set email_enabled = excluded.email_enabled, sms_enabled = excluded.sms_enabled,
                   in_app_enabled = excluded.in_app_enabled, updated_at = now()""";

    private final JsonWebToken token;

    public PreferenceResource(JsonWebToken token) {
        this.token = token;
    }

    @Schema(name = "NotificationPreferences")
    public record Preferences(
            @Schema(description = "Send e-mail") boolean email,
            @Schema(description = "Send SMS") boolean sms,
            @Schema(description = "Show in-app notifications") boolean inApp,
            @Schema(description = "An e-mail address you consented to use is on file (set in your profile)") boolean emailOnFile,
            @Schema(description = "A phone number you consented to use for SMS is on file") boolean smsOnFile) {

        static Preferences of(Recipient r) {
            return new Preferences(r.emailEnabled, r.smsEnabled, r.inAppEnabled, r.email != null, r.phone != null);
        }
    }

    @Schema(name = "NotificationPreferencesUpdate")
    public record PreferencesUpdate(@NotNull @Schema(example = "true") Boolean email,
                                    @NotNull @Schema(example = "false") Boolean sms,
                                    @NotNull @Schema(example = "true") Boolean inApp) {
    }

    @GET
    @WithSession
    @Operation(summary = "Get my notification preferences")
    @APIResponse(responseCode = "200", description = "My preferences (all channels on until changed)")
    public Uni<Preferences> getPreferences() {
        Me.Who me = Me.of(token);
        return Recipient.<Recipient>findById(me.id()).map(found -> {
            if (found != null) {
                return Preferences.of(found);
            }
            Recipient defaults = new Recipient();
            return Preferences.of(defaults);
        });
    }

    @PUT
    @Operation(summary = "Set my notification preferences")
    @APIResponse(responseCode = "200", description = "My preferences as stored")
    @APIResponse(responseCode = "400", description = "A channel is missing")
    public Uni<Preferences> updatePreferences(@Valid @NotNull PreferencesUpdate update) {
        Me.Who me = Me.of(token);
        return Panache.withTransaction(() -> Sql.update(UPSERT, Map.of("id", me.id(), "kind", me.kind(),
                                "email", update.email(), "sms", update.sms(), "inApp", update.inApp()))
                        .chain(() -> Recipient.<Recipient>findById(me.id())))
                .map(Preferences::of);
    }
}
