package org.clinic.common.outbox;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.clinic.common.events.CloudEvent;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes a batch of signed events to {@code clinic.events} with publisher confirms, on the
 * caller's (worker) thread: every message of the batch is written, then the broker's confirms are
 * awaited once. The messaging connector's publisher sends one message at a time through a worker
 * hop each (measured: about 450 events/s with the machine idle, far less under load, so the relay
 * fell behind the bookings); a batch costs one wait for the broker's disk.
 *
 * <p>If a batch is not confirmed whole (a nack, a refused routing key closing the channel, a lost
 * connection, the timeout), it is sent again one event at a time, so one bad event cannot hold back
 * the others: each event is confirmed or refused on its own. A lost connection or closed channel is
 * opened again by the next round. Built on the RabbitMQ Java client (the one the connector itself
 * runs on), with the connector's {@code rabbitmq-*} settings. Only the relay calls this, one round
 * at a time.
 */
@ApplicationScoped
@IfBuildProperty(name = "clinic.outbox.enabled", stringValue = "true")
public class BrokerPublisher {

    static final String EXCHANGE = "clinic.events";
    private static final Logger LOG = Logger.getLogger(BrokerPublisher.class);

    /** One event as it leaves: its outbox id (the AMQP message id), routing key and signed JSON. */
    public record Outgoing(UUID id, String routingKey, byte[] body) {
    }

    /**
     * What a batch came to: the ids the broker confirmed; {@code sent} is false when nothing was
     * written to the broker at all (unreachable, refused the login, or blocked by a resource alarm).
     */
    public record Result(List<UUID> confirmed, boolean sent) {
        static final Result NOTHING_SENT = new Result(List.of(), false);
    }

    private final ConnectionFactory factory = new ConnectionFactory();
    private final String connectionName;
    private volatile Connection connection;
    private volatile Channel channel;
    /** The broker blocks publishers during a memory or disk alarm; a publish would then wait unbounded. */
    private volatile boolean blocked;

    public BrokerPublisher(@ConfigProperty(name = "rabbitmq-host") String host,
                           @ConfigProperty(name = "rabbitmq-port") int port,
                           @ConfigProperty(name = "rabbitmq-username") String username,
                           @ConfigProperty(name = "rabbitmq-password") String password,
                           @ConfigProperty(name = "rabbitmq-virtual-host") String virtualHost,
                           @ConfigProperty(name = "quarkus.application.name") String application,
                           OutboxRelayConfig config) {
        factory.setHost(host);
        factory.setPort(port);
        factory.setUsername(username);
        factory.setPassword(password);
        factory.setVirtualHost(virtualHost);
        factory.setAutomaticRecoveryEnabled(false); // a lost connection is opened again by the next round
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.confirmTimeout().toMillis());
        factory.setConnectionTimeout(Math.min(timeout, 5_000));
        factory.setHandshakeTimeout(timeout);
        factory.setChannelRpcTimeout(timeout);
        factory.setShutdownTimeout(timeout);
        this.connectionName = application + "-outbox";
    }

    /**
     * Blocking: publishes {@code events} and answers the ids the broker confirmed, within about
     * {@code confirmTimeout} in all. Never throws: what is not confirmed stays in the outbox.
     */
    public synchronized Result publish(List<Outgoing> events, Duration confirmTimeout) {
        if (events.isEmpty()) {
            return new Result(List.of(), true);
        }
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        Channel open;
        try {
            open = channel();
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warnf("Broker unreachable for the outbox (%s); %d events wait for the next round",
                    e.getClass().getSimpleName(), events.size());
            dropConnection();
            return Result.NOTHING_SENT;
        }
        if (blocked) {
            LOG.warnf("The broker blocks publishers (resource alarm); %d events wait for the next round", events.size());
            return Result.NOTHING_SENT;
        }
        try {
            for (Outgoing event : events) {
                send(open, event);
            }
            if (open.waitForConfirms(millisLeft(deadline))) {
                return new Result(events.stream().map(Outgoing::id).toList(), true);
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            LOG.warnf("A batch of %d outbox events was not confirmed (%s); sending them one at a time",
                    events.size(), e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropChannel();
            return new Result(List.of(), true);
        }
        dropChannel();
        return new Result(oneByOne(events, deadline), true);
    }

    /** Each event confirmed or refused on its own, until the deadline or the broker is gone. */
    private List<UUID> oneByOne(List<Outgoing> events, long deadline) {
        List<UUID> confirmed = new ArrayList<>();
        for (Outgoing event : events) {
            if (millisLeft(deadline) <= 1) {
                break;
            }
            Channel open;
            try {
                open = channel();
            } catch (IOException | TimeoutException | RuntimeException e) {
                dropConnection();
                break; // the broker is gone: the rest waits for the next round
            }
            try {
                send(open, event);
                if (open.waitForConfirms(millisLeft(deadline))) {
                    confirmed.add(event.id());
                    continue;
                }
                LOG.warnf("The broker refused outbox event %s (routing key %s)", event.id(), event.routingKey());
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.warnf("Outbox event %s not published (routing key %s): %s", event.id(), event.routingKey(),
                        e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                dropChannel();
                break;
            }
            dropChannel();
        }
        return confirmed;
    }

    private static long millisLeft(long deadline) {
        return Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    }

    private static void send(Channel channel, Outgoing event) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(event.id().toString())
                .contentType(CloudEvent.STRUCTURED_CONTENT_TYPE)
                .deliveryMode(2) // persistent
                .build();
        channel.basicPublish(EXCHANGE, event.routingKey(), properties, event.body());
    }

    private Channel channel() throws IOException, TimeoutException {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        if (connection == null || !connection.isOpen()) {
            dropConnection();
            connection = factory.newConnection(connectionName);
            connection.addBlockedListener(reason -> blocked = true, () -> blocked = false);
            blocked = false;
        }
        Channel opened = connection.createChannel();
        opened.exchangeDeclare(EXCHANGE, "topic", true);
        opened.confirmSelect();
        channel = opened;
        return opened;
    }

    /** A channel with unanswered or failed sends is not reused: its confirms would mix with the next batch's. */
    private void dropChannel() {
        Channel stale = channel;
        channel = null;
        if (stale != null && stale.isOpen()) {
            try {
                stale.abort();
            } catch (IOException | RuntimeException e) {
                LOG.debugf("Closing a failed outbox channel: %s", e.getClass().getSimpleName());
            }
        }
    }

    /** Not synchronized: a round stuck on the broker must not hold up shutdown; aborting ends it. */
    @PreDestroy
    void close() {
        dropChannel();
        dropConnection();
    }

    private void dropConnection() {
        Connection stale = connection;
        connection = null;
        if (stale != null) {
            try {
                stale.abort(2_000);
            } catch (RuntimeException e) {
                LOG.debugf("Closing the outbox connection: %s", e.getClass().getSimpleName());
            }
        }
    }
}
