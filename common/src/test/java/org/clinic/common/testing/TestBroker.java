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
 * publish events as another service would and to look into queues: as the test virtual host's
 * administrator ({@code clinic.test.broker-user}, default guest, which deploy/local/infra.sh gives
 * full rights there), or as a given user to check what that user may do.
 */
public final class TestBroker implements AutoCloseable {

    public static final String EXCHANGE = "clinic.events";

    private final Connection connection;
    private final Channel channel;

    public TestBroker() {
        this(ConfigProvider.getConfig().getOptionalValue("clinic.test.broker-user", String.class).orElse("guest"),
                ConfigProvider.getConfig().getOptionalValue("clinic.test.broker-password", String.class).orElse("guest"));
    }

    public TestBroker(String username, String password) {
        Config config = ConfigProvider.getConfig();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(config.getValue("rabbitmq-host", String.class));
        factory.setPort(config.getValue("rabbitmq-port", Integer.class));
        factory.setUsername(username);
        factory.setPassword(password);
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

    /** Publishes with a publisher confirm; throws when the broker refuses (e.g. ACCESS_REFUSED closes the channel). */
    public void publishConfirmed(String routingKey, String body) throws IOException, InterruptedException, TimeoutException {
        channel.confirmSelect();
        channel.basicPublish(EXCHANGE, routingKey, new AMQP.BasicProperties.Builder().deliveryMode(2).build(),
                body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(5_000);
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
