package org.clinic.notifier.events;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.notifier.delivery.DeliveryDispatcher;
import org.clinic.notifier.inapp.LiveFeed;

/** What follows a committed transaction that wrote messages: push them live, start sending. */
@ApplicationScoped
public class AfterCommit {

    private final LiveFeed live;
    private final DeliveryDispatcher dispatcher;

    public AfterCommit(LiveFeed live, DeliveryDispatcher dispatcher) {
        this.live = live;
        this.dispatcher = dispatcher;
    }

    public Uni<Void> run(Outcome outcome) {
        if (outcome.deliveriesQueued()) {
            dispatcher.kick();
        }
        return outcome.notifications().isEmpty() ? Uni.createFrom().voidItem() : live.publish(outcome.notifications());
    }
}
