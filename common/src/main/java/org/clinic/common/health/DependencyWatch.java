package org.clinic.common.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.net.NetClient;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Watches PostgreSQL, Redis and RabbitMQ from start-up on, without blocking start-up: one clear log
 * line per dependency when it becomes unreachable (naming what and where) and one when it is back,
 * plus a {@code clinic_dependency_up} gauge. Readiness itself comes from the extensions' own checks.
 */
@ApplicationScoped
public class DependencyWatch {

    private static final Logger LOG = Logger.getLogger(DependencyWatch.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private final Vertx vertx;
    private final List<Dependency> dependencies;
    private final Duration interval;
    private long timerId = -1;

    public DependencyWatch(Vertx vertx, Pool database, Redis redis, MeterRegistry meters,
                           @ConfigProperty(name = "quarkus.datasource.reactive.url") String databaseUrl,
                           @ConfigProperty(name = "quarkus.redis.hosts") String redisHosts,
                           @ConfigProperty(name = "rabbitmq-host", defaultValue = "localhost") String brokerHost,
                           @ConfigProperty(name = "rabbitmq-port", defaultValue = "5672") int brokerPort,
                           @ConfigProperty(name = "clinic.dependency-watch.interval", defaultValue = "10s") Duration interval) {
        this.vertx = vertx;
        this.interval = interval;
        // One client for every probe: a client per probe would pile up sockets and threads' state.
        NetClient broker = vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) PROBE_TIMEOUT.toMillis()));
        this.dependencies = List.of(
                new Dependency("PostgreSQL", withoutCredentials(databaseUrl),
                        () -> database.query("select 1").execute().replaceWithVoid()),
                new Dependency("Redis", withoutCredentials(redisHosts),
                        () -> redis.send(Request.cmd(Command.PING)).replaceWithVoid()),
                new Dependency("RabbitMQ", brokerHost + ":" + brokerPort,
                        () -> broker.connect(brokerPort, brokerHost)
                                .chain(socket -> socket.close())));
        for (Dependency dependency : dependencies) {
            Gauge.builder("clinic.dependency.up", dependency.up, AtomicInteger::get)
                    .description("1 when the dependency answered the last probe, 0 otherwise")
                    .tag("dependency", dependency.name.toLowerCase(java.util.Locale.ROOT))
                    .register(meters);
        }
    }

    void start(@Observes StartupEvent event) {
        probeAll();
        timerId = vertx.setPeriodic(interval.toMillis(), id -> probeAll());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void probeAll() {
        for (Dependency dependency : dependencies) {
            dependency.probe.get()
                    .ifNoItem().after(PROBE_TIMEOUT).fail()
                    .subscribe().with(ok -> dependency.record(true, null), failure -> dependency.record(false, failure));
        }
    }

    /** Drops a {@code user:password@} part so the address can be logged. */
    static String withoutCredentials(String address) {
        try {
            URI uri = URI.create(address.trim());
            if (uri.getHost() == null) {
                return address;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        } catch (IllegalArgumentException e) {
            return "(unparseable address)";
        }
    }

    private static final class Dependency {
        final String name;
        final String address;
        final Supplier<Uni<Void>> probe;
        final AtomicInteger up = new AtomicInteger(-1);

        Dependency(String name, String address, Supplier<Uni<Void>> probe) {
            this.name = name;
            this.address = address;
            this.probe = probe;
        }

        void record(boolean reachable, Throwable failure) {
            int previous = up.getAndSet(reachable ? 1 : 0);
            if (!reachable && previous != 0) {
                LOG.warnf("%s unreachable at %s (%s); the checks that need it report DOWN until it answers", name, address,
                        reason(failure));
            } else if (reachable && previous == 0) {
                LOG.infof("%s reachable again at %s", name, address);
            }
        }

        private static String reason(Throwable failure) {
            if (failure == null) {
                return "no answer";
            }
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root instanceof io.smallrye.mutiny.TimeoutException
                    ? "no answer within " + PROBE_TIMEOUT.toSeconds() + " s"
                    : root.getClass().getSimpleName() + ": " + root.getMessage();
        }
    }
}
