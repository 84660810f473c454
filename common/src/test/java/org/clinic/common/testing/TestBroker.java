package org.clinic.common.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A plain AMQP connection to the real broker, on the virtual host the service under test uses, to
 * publish events as another service would and to look into queues.
 */
public final class TestBroker implements AutoCloseable {

    public static final String EXCHANGE = "clinic.events";

    private final Connection connection;
    private final Channel channel;

    public TestBroker() {
        Config config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(config.getValue("rabbitmq-username", String.class));
        factory.setPassword(config.getValue("rabbitmq-password", String.class));
        factory.setVirtualHost(config.getValue("rabbitmq-virtual-host", String.class));
        try {
            connection = factory.newConnection("clinic-test");
            channel = connection.createChannel();
            channel.exchangeDeclare(EXCHANGE, "topic", true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes a structured-mode CloudEvent as a producer service would. */
    public void publish(String routingKey, String messageId, String body) throws IOException {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .messageId(messageId)
                .contentType("application/cloudevents+json")
                .deliveryMode(2)
                .build();
        channel.basicPublish(EXCHANGE, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A server-named, exclusive queue bound to {@link #EXCHANGE}: sees what is published from now on. */
    public String tap(String bindingKey) throws IOException {
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, EXCHANGE, bindingKey);
        return queue;
    }

    /** Takes one message from a queue, or {@code null} when it is empty. */
    public GetResponse take(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    public void purge(String queue) throws IOException {
        channel.queuePurge(queue);
    }

    @Override
    public void close() throws IOException, TimeoutException {
        connection.close();
    }
}
