package org.clinic.notifier.reminder;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import org.clinic.notifier.delivery.DeliveryDispatcher;
import org.clinic.common.security.InternalAccess;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * A tick from outside, for a notifier that scales to zero and so has no scheduler running: a
 * Knative ping source calls it every minute. It writes due reminders and sends what is pending
 * (including retries) before answering, so the work is done while the pod is up.
 */
@Path("/internal/reminders/tick")
@Tag(name = "Operations")
public class ReminderTickResource {

    private final ReminderService reminders;
    private final DeliveryDispatcher dispatcher;
    private final InternalAccess access;

    public ReminderTickResource(ReminderService reminders, DeliveryDispatcher dispatcher, InternalAccess access) {
        this.reminders = reminders;
        this.dispatcher = dispatcher;
        this.access = access;
    }

    @Schema(name = "TickResult")
    public record TickResult(@Schema(description = "Reminders written in this tick") int reminders,
                             @Schema(description = "E-mails and SMS sent in this tick") int deliveries) {
    }

    @POST
    @PermitAll // checked by InternalAccess: an admin token or the internal token
    @Operation(summary = "Send due reminders and pending deliveries now")
    @APIResponse(responseCode = "200", description = "What the tick did")
    @APIResponse(responseCode = "401", description = "Neither the internal token nor a valid bearer token")
    @APIResponse(responseCode = "403", description = "A bearer token without the ADMIN role")
    public Uni<TickResult> tickReminders(
            @Parameter(description = "The shared internal token") @RestHeader(InternalAccess.HEADER) String internalToken,
            @Parameter(description = "The shared internal token, for callers that cannot set a header (Knative subscriber URIs)")
            @RestQuery(InternalAccess.QUERY) String internalTokenParameter) {
        return access.check(internalToken, internalTokenParameter)
                .chain(reminders::tick)
                .chain(written -> dispatcher.dispatchOnce().map(sent -> new TickResult(written, sent)));
    }
}
