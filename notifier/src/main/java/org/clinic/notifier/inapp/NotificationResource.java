package org.clinic.notifier.inapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.clinic.common.paging.Page;
import org.clinic.common.problem.ProblemException;
import org.clinic.notifier.NotifierConfig;
import org.clinic.notifier.recipient.Me;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** The caller's own in-app notifications: list, unread count, mark read, live stream. */
@Path("/api/v1/notifications")
@Tag(name = "Notifications")
@SecurityRequirement(name = "bearer")
@RolesAllowed({"PATIENT", "DOCTOR"})
@APIResponse(responseCode = "401", description = "Missing or invalid token")
@APIResponse(responseCode = "403", description = "The token names neither a patient nor a doctor")
public class NotificationResource {

    private final JsonWebToken token;
    private final LiveFeed live;
    private final Duration heartbeat;

    public NotificationResource(JsonWebToken token, LiveFeed live, NotifierConfig config) {
        this.token = token;
        this.live = live;
        this.heartbeat = config.live().heartbeat();
    }

    @Schema(name = "UnreadCount")
    public record UnreadCount(@Schema(example = "3") long unread) {
    }

    @Schema(name = "MarkedRead")
    public record MarkedRead(@Schema(description = "How many notifications were marked read", example = "3") int marked) {
    }

    @GET
    @WithSession
    @Operation(summary = "List my notifications, newest first")
    @APIResponse(responseCode = "200", description = "One page of notifications")
    public Uni<Page<NotificationView>> listNotifications(
            @Parameter(description = "Only unread ones") @RestQuery @DefaultValue("false") boolean unread,
            @RestQuery @DefaultValue("0") @Min(0) @Max(Page.MAX_PAGE) int page,
            @RestQuery @DefaultValue(Page.DEFAULT_SIZE) @Min(1) @Max(Page.MAX_SIZE) int size) {
        UUID me = Me.of(token).id();
        String query = unread ? "recipientId = ?1 and readAt is null order by createdAt desc, id"
                : "recipientId = ?1 order by createdAt desc, id";
        return Page.fetch(Notification.<Notification>find(query, me).page(page, size), page, size)
                .map(p -> p.map(NotificationView::of));
    }

    @GET
    @Path("/unread-count")
    @WithSession
    @Operation(summary = "Count my unread notifications")
    @APIResponse(responseCode = "200", description = "The count")
    public Uni<UnreadCount> countUnread() {
        return Notification.count("recipientId = ?1 and readAt is null", Me.of(token).id()).map(UnreadCount::new);
    }

    @POST
    @Path("/{id}/read")
    @Operation(summary = "Mark one of my notifications read")
    @APIResponse(responseCode = "200", description = "The notification, now read")
    @APIResponse(responseCode = "404", description = "No such notification of mine")
    public Uni<NotificationView> markRead(@RestPath UUID id) {
        UUID me = Me.of(token).id();
        return Panache.withTransaction(() -> Notification.<Notification>find("id = ?1 and recipientId = ?2", id, me)
                .firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Notification " + id))
                .invoke(n -> {
                    if (n.readAt == null) {
                        n.readAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    }
                })
                .map(NotificationView::of));
    }

    @POST
    @Path("/read-all")
    @Operation(summary = "Mark all my notifications read")
    @APIResponse(responseCode = "200", description = "How many were marked")
    public Uni<MarkedRead> markAllRead() {
        UUID me = Me.of(token).id();
        return Panache.withTransaction(() -> Notification.update("readAt = ?1 where recipientId = ?2 and readAt is null",
                Instant.now().truncatedTo(ChronoUnit.MICROS), me)).map(MarkedRead::new);
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Follow my new notifications live (server-sent events)",
            description = "Each event's data is a Notification. The stream carries only notifications written "
                    + "after it opened: list first, then follow. A keep-alive comment line comes every few seconds, "
                    + "and the stream ends when the service loses its live feed: "
                    + "reconnect, list, follow again.")
    @APIResponse(responseCode = "200", description = "A text/event-stream of notifications",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = NotificationView.class)))
    public Multi<OutboundSseEvent> streamNotifications(@Context Sse sse) {
        Multi<OutboundSseEvent> notifications = live.follow(Me.of(token).id())
                .map(notification -> sse.newEventBuilder().mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(NotificationView.class, notification).build());
        // Keeps the connection from the idle timeout (quarkus.http.idle-timeout) and proxies'.
        Multi<OutboundSseEvent> keepAlive = Multi.createFrom().ticks().every(heartbeat)
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().comment("keep-alive").build());
        // The stream lasts as long as the notifications do: their end stops the keep-alive too.
        return Multi.createBy().merging().streams(
                        notifications.onCompletion().failWith(StreamEnded::new), keepAlive)
                .onFailure(StreamEnded.class).recoverWithCompletion();
    }

    private static final class StreamEnded extends RuntimeException {
        StreamEnded() {
            super(null, null, false, false);
        }
    }
}
