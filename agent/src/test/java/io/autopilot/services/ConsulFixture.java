package io.autopilot.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.discovery.consul.ConsulDiscovery;
import io.autopilot.discovery.consul.ConsulEndpoint;
import io.autopilot.discovery.consul.ConsulSettings;
import io.autopilot.discovery.consul.Reachability;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.Futures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Registrations against a real Consul, on a real bus: the test plays the jobs and the agent, publishing their events
 * itself, and reads the result back through Consul's own API.
 */
final class ConsulFixture implements AutoCloseable {
    static final ConsulSettings FAST = new ConsulSettings(Duration.ofSeconds(5), Duration.ofSeconds(2),
            Duration.ofMillis(50), Duration.ofMillis(200));
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(20);

    final Vertx vertx = Vertx.vertx();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final EventBus bus = new EventBus(errors::add);
    final List<String> log = new CopyOnWriteArrayList<>();
    final ConsulDiscovery discovery;
    final Registrations registrations;

    ConsulFixture(ConsulAgent consul, ServicePlan... plans) {
        var config = new ConsulConfig(Optional.of(consul.httpAddress()), Optional.empty(), Optional.empty(),
                TlsConfig.DEFAULT);
        Registrations[] made = new Registrations[1];
        discovery = ConsulDiscovery.create(vertx, ConsulEndpoint.resolve(config, Map.of()), FAST, recordingLog(),
                state -> made[0].reachability(state == Reachability.REACHABLE));
        registrations = new Registrations(List.of(plans), discovery, bus, vertx, recordingLog(), Clock.systemUTC());
        made[0] = registrations;
        await(registrations.start());
    }

    void publish(Event event) {
        bus.publish(event);
    }

    RegistrationSnapshot snapshot(String serviceId) {
        return registrations.snapshots().stream().filter(s -> s.serviceId().equals(serviceId)).findFirst()
                .orElseThrow();
    }

    static <T> T await(Future<T> future) {
        return Futures.await(future);
    }

    /** Polls {@code condition} at a short pace until it holds; fails after 20 s with {@code what}. */
    static void until(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private Log recordingLog() {
        return new Log() {
            @Override
            public void log(Level level, String message, Map<String, String> fields) {
                log.add(message);
            }

            @Override
            public boolean enabled(Level level) {
                return true;
            }

            @Override
            public Log with(String key, String value) {
                return this;
            }
        };
    }

    @Override
    public void close() {
        await(registrations.stop().transform(ignored -> discovery.close()));
        await(vertx.close());
        assertThat(errors).as("subscriber errors").isEmpty();
    }
}
