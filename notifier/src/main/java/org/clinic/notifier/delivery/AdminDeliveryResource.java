package org.clinic.notifier.delivery;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.ProblemException;
import org.clinic.notifier.recipient.Channel;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** The delivery log for admins: what went out, what is waiting, what failed, and re-driving failures. */
@Path("/api/v1/admin/deliveries")
@Tag(name = "Deliveries")
@SecurityRequirement(name = "bearer")
@RolesAllowed("ADMIN")
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "Not an admin")
public class AdminDeliveryResource {

    private final DeliveryDispatcher dispatcher;

    public AdminDeliveryResource(DeliveryDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    public enum Status { PENDING, SENT, FAILED }

    /** A delivery without its address or text: the log is for operations, not for reading messages. */
    @Schema(name = "Delivery")
    public record DeliveryView(UUID id,
                               @Schema(example = "EMAIL") String channel,
                               @Schema(example = "appointment-confirmed") String message,
                               @Schema(example = "clinic.scheduling.appointment.booked.v1") String eventType,
                               @Schema(example = "PATIENT") String recipientKind,
                               UUID recipientId,
                               @Schema(example = "FAILED") String status,
                               @Schema(example = "6") int attempts,
                               @Schema(example = "MailException: 554 Transaction failed") String lastError,
                               Instant createdAt,
                               Instant nextAttemptAt,
                               Instant sentAt) {
        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id, d.channel, d.message, d.eventType, d.recipientKind, d.recipientId, d.status,
                    d.attempts, d.lastError, d.createdAt, d.nextAttemptAt, d.sentAt);
        }
    }

    @GET
    @WithSession
    @Operation(summary = "List deliveries, newest first")
    @APIResponse(responseCode = "200", description = "One page of deliveries")
    @APIResponse(responseCode = "400", description = "Unknown status or channel")
    public Uni<Page<DeliveryView>> listDeliveries(
            @Parameter(description = "Only this status") @RestQuery Status status,
            @Parameter(description = "Only this channel") @RestQuery Channel channel,
            @Parameter(description = "Only deliveries to this patient or doctor") @RestQuery UUID recipientId,
            @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        List<String> where = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (status != null) {
            values.add(status.name());
            where.add("status = ?" + values.size());
        }
        if (channel != null) {
            values.add(channel.name());
            where.add("channel = ?" + values.size());
        }
        if (recipientId != null) {
            values.add(recipientId);
            where.add("recipientId = ?" + values.size());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by createdAt desc, id";
        return Page.fetch(Delivery.<Delivery>find(query, values.toArray()).page(page, size), page, size)
                .map(p -> p.map(DeliveryView::of));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Send a failed or waiting delivery again now",
            description = "Resets its attempts; the next round sends it.")
    @APIResponse(responseCode = "200", description = "The delivery, pending again")
    @APIResponse(responseCode = "404", description = "No such delivery")
    @APIResponse(responseCode = "409", description = "Already sent, or being sent right now")
    public Uni<DeliveryView> retryDelivery(@RestPath UUID id) {
        // One conditional update: a delivery a replica is sending right now (leased) or has sent is
        // left alone, so a re-drive never causes a second send.
        return Panache.withTransaction(() -> Delivery.update("status = 'PENDING', attempts = 0, nextAttemptAt = ?1 "
                                + "where id = ?2 and status <> 'SENT' and (leaseUntil is null or leaseUntil < ?1)",
                        Instant.now().truncatedTo(ChronoUnit.MICROS), id)
                .chain(updated -> Delivery.<Delivery>findById(id).map(delivery -> {
                    if (delivery == null) {
                        throw ProblemException.notFound("Delivery " + id);
                    }
                    if (updated == 0) {
                        throw ProblemException.conflict(Delivery.SENT.equals(delivery.status) ? "ALREADY_SENT" : "BEING_SENT",
                                Delivery.SENT.equals(delivery.status) ? "This delivery was already sent"
                                        : "This delivery is being sent right now; look again in a minute");
                    }
                    return delivery;
                })))
                .invoke(dispatcher::kick)
                .map(DeliveryView::of);
    }
}
