package io.autopilot.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.TlsConfig;
import io.autopilot.discovery.consul.ConsulDiscovery;
import io.autopilot.discovery.consul.ConsulEndpoint;
import io.autopilot.discovery.consul.ConsulSettings;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.RequestOutcome;
import io.autopilot.process.Spawner;
import io.autopilot.saved.SavedAnswers;
import io.autopilot.testing.RecordingLog;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.TestConsul;
import io.autopilot.testing.EventRecorder;
import io.autopilot.testing.Futures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One template against a real Consul (or none), on a real bus whose events from the template are recorded in order,
 * with a real spawner for {@code validate}; the jobs it asks for are recorded.
 */
final class TemplateFixture implements AutoCloseable {
    private static final ConsulSettings FAST = TestConsul.FAST_CLIENT;

    final Vertx vertx = Vertx.vertx();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final EventBus bus = new EventBus(errors::add);
    final RecordingLog log = new RecordingLog();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final EventRecorder recorder;
    final TemplateFile template;

    TemplateFixture(Optional<ConsulAgent> consul, TemplateConfig config, Map<String, String> environment) {
        this(consul, config, () -> environment);
    }

    /** With the environment read through {@code environment} at each render, as the agent reads its own. */
    TemplateFixture(Optional<ConsulAgent> consul, TemplateConfig config, Supplier<Map<String, String>> environment) {
        this(consul.map(ConsulAgent::httpAddress), config, environment, SavedAnswers.NONE);
    }

    /**
     * @param consul where Consul is, {@code host:port}
     * @param saved where the template keeps its last-known-good data
     */
    TemplateFixture(Optional<String> consul, TemplateConfig config, Supplier<Map<String, String>> environment,
            SavedAnswers saved) {
        Optional<Supplier<Discovery>> clients = consul.map(address -> {
            var endpoint = ConsulEndpoint.resolve(new ConsulConfig(Optional.of(address),
                    Optional.empty(), Optional.empty(), TlsConfig.DEFAULT), Map.of());
            return () -> ConsulDiscovery.create(vertx, endpoint, FAST, log, state -> { });
        });
        var settings = new TemplateFile.Settings(vertx, bus, Spawner.system(),
                vertx.createSharedWorkerExecutor("spawn", 1), vertx.createSharedWorkerExecutor("files", 1), log,
                Clock.systemUTC(), clients, environment, Map.of(), this::request, saved);
        template = new TemplateFile(config, settings);
        recorder = new EventRecorder(bus, config.eventSource(), () -> "; log: " + log.messages);
        await(template.start());
        bus.publish(new Event.Startup());
    }

    static TemplateConfig inline(String text, Path destination) {
        return new TemplateConfig("conf", Optional.empty(), text, destination, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    private Future<RequestOutcome> request(String job, JobRequest request) {
        requests.add(job + " " + request);
        return Future.succeededFuture(RequestOutcome.ACCEPTED);
    }

    /** Waits until the template has published {@code count} events, and returns them all. */
    List<Event> await(int count) throws InterruptedException {
        return recorder.await(count);
    }

    List<Event> events() {
        return recorder.events();
    }

    static <T> T await(Future<T> future) {
        return Futures.await(future);
    }

    @Override
    public void close() {
        await(template.stop());
        await(vertx.close());
        assertThat(errors).as("subscriber errors").isEmpty();
    }
}
