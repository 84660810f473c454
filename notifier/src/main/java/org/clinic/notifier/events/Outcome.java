package org.clinic.notifier.events;

import java.util.ArrayList;
import java.util.List;
import org.clinic.notifier.inapp.LiveFeed;

/**
 * What handling one event produced, acted on only after its transaction committed: in-app
 * notifications to push to live streams, and whether e-mail or SMS now wait to be sent.
 */
public final class Outcome {

    private final List<LiveFeed.Entry> notifications = new ArrayList<>();
    private boolean deliveriesQueued;

    /** A retried transaction starts from nothing. */
    public void clear() {
        notifications.clear();
        deliveriesQueued = false;
    }

    public void notificationCreated(LiveFeed.Entry notification) {
        notifications.add(notification);
    }

    public void deliveryQueued() {
        deliveriesQueued = true;
    }

    public List<LiveFeed.Entry> notifications() {
        return List.copyOf(notifications);
    }

    public boolean deliveriesQueued() {
        return deliveriesQueued;
    }
}
