package io.autopilot.watches;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.discovery.consul.ConsulDiscovery;
import io.autopilot.discovery.consul.ConsulEndpoint;
import io.autopilot.discovery.consul.ConsulSettings;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.autopilot.logging.LoggingConfig.Level;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.EventRecorder;
import io.autopilot.testing.Futures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** One watch against a real Consul, on a real bus whose events from the watch are recorded in order. */
final class WatchFixture implements AutoCloseable {
    private static final ConsulSettings FAST = new ConsulSettings(Duration.ofSeconds(5), Duration.ofSeconds(2),
            Duration.ofMillis(50), Duration.ofMillis(200));
    private static final Log QUIET = new Log() {
        @Override
        public void log(Level level, String message, Map<String, String> fields) {
        }

        @Override
        public boolean enabled(Level level) {
            return false;
        }

        @Override
        public Log with(String key, String value) {
            return this;
        }
    };

    final Vertx vertx = Vertx.vertx();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final EventBus bus = new EventBus(errors::add);
    private final EventRecorder recorder;
    final ConsulDiscovery discovery;
    final Watch watch;

    WatchFixture(ConsulAgent consul, WatchConfig config) {
        var endpoint = ConsulEndpoint.resolve(new ConsulConfig(Optional.of(consul.httpAddress()), Optional.empty(),
                Optional.empty(), TlsConfig.DEFAULT), Map.of());
        discovery = ConsulDiscovery.create(vertx, endpoint, FAST, QUIET, state -> { });
        watch = new Watch(config, discovery, bus, vertx, QUIET, Clock.systemUTC());
        recorder = new EventRecorder(bus, config.source(), () -> "");
        await(watch.start());
        bus.publish(new Event.Startup());
    }

    static WatchConfig service(String name) {
        return new WatchConfig(name, Duration.ofSeconds(1), Optional.empty(), Optional.empty());
    }

    static WatchConfig key(String name, String key) {
        return new WatchConfig(name, Duration.ofSeconds(1), Optional.empty(), Optional.empty(), Optional.of(key));
    }

    /** Waits until the watch has published {@code count} events, and returns them all. */
    List<Event> await(int count) throws InterruptedException {
        return recorder.await(count);
    }

    /** The last {@code changed} among the events so far. */
    Event.Changed lastChanged() {
        return recorder.events().reversed().stream().filter(Event.Changed.class::isInstance)
                .map(Event.Changed.class::cast).findFirst().orElseThrow();
    }

    static <T> T await(Future<T> future) {
        return Futures.await(future);
    }

    @Override
    public void close() {
        await(watch.stop());
        await(discovery.close());
        await(vertx.close());
        assertThat(errors).as("subscriber errors").isEmpty();
    }
}
