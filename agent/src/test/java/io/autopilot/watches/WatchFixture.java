package io.autopilot.watches;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.discovery.consul.ConsulDiscovery;
import io.autopilot.discovery.consul.ConsulEndpoint;
import io.autopilot.discovery.consul.ConsulSettings;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.saved.SavedAnswers;
import io.autopilot.testing.EventRecorder;
import io.autopilot.testing.Futures;
import io.autopilot.testing.RecordingLog;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.TestConsul;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** One watch against a real Consul, on a real bus whose events from the watch are recorded in order. */
final class WatchFixture implements AutoCloseable {
    private static final ConsulSettings FAST = TestConsul.FAST_CLIENT;

    final Vertx vertx = Vertx.vertx();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final EventBus bus = new EventBus(errors::add);
    private final RecordingLog log = new RecordingLog();
    private final EventRecorder recorder;
    final ConsulDiscovery discovery;
    final Watch watch;

    WatchFixture(ConsulAgent consul, WatchConfig config) {
        this(consul, config, SavedAnswers.NONE);
    }

    /** @param saved where the watch keeps its last-known-good result */
    WatchFixture(ConsulAgent consul, WatchConfig config, SavedAnswers saved) {
        this(consul.httpAddress(), config, saved);
    }

    /** @param consul where Consul is, {@code host:port} */
    WatchFixture(String consul, WatchConfig config, SavedAnswers saved) {
        var endpoint = ConsulEndpoint.resolve(new ConsulConfig(Optional.of(consul), Optional.empty(),
                Optional.empty(), TlsConfig.DEFAULT), Map.of());
        discovery = ConsulDiscovery.create(vertx, endpoint, FAST, log, state -> { });
        watch = new Watch(config, discovery, bus, vertx, log, Clock.systemUTC(), saved);
        recorder = new EventRecorder(bus, config.source(), () -> "; log: " + log.leveled());
        Futures.await(watch.start());
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

    /** The watch's events so far. */
    List<Event> events() {
        return recorder.events();
    }

    /** The last {@code changed} among the events so far. */
    Event.Changed lastChanged() {
        return recorder.events().reversed().stream().filter(Event.Changed.class::isInstance)
                .map(Event.Changed.class::cast).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        Futures.await(watch.stop());
        Futures.await(discovery.close());
        Futures.await(vertx.close());
        assertThat(errors).as("subscriber errors").isEmpty();
    }
}
