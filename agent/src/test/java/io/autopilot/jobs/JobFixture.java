package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.Spawner;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RecordingLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Jobs from a JSON5 configuration, running real processes on a real bus and Vert.x, with every event recorded. The
 * agent's part is played by the test: it publishes {@code startup}, {@code shutdown} and watch events itself.
 */
final class JobFixture implements AutoCloseable {
    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2));
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final EventBus bus = new EventBus(errors::add);
    final EventTrace trace = new EventTrace(bus);
    final RecordingLog log = new RecordingLog();
    final List<Integer> stopRequests = new CopyOnWriteArrayList<>();
    final JobContext context;
    final List<Job> jobs;

    private JobFixture(String json5, Supplier<Map<String, String>> agentEnvironment, Function<Vertx, Locks> locks) {
        context = JobContext.of(vertx, bus, Spawner.system(), vertx.createSharedWorkerExecutor("spawn", 1), log,
                agentEnvironment, stopRequests::add).withLocks(locks.apply(vertx));
        jobs = Jobs.create(parse(json5), context);
    }

    /** Creates and subscribes the jobs of {@code json5} (a whole config), then publishes {@code startup}. */
    static JobFixture started(String json5) throws Exception {
        return started(json5, ChildEnvironment.fromAgent());
    }

    /** As {@link #started(String)}, as if the agent's environment were {@code agentEnvironment}. */
    static JobFixture started(String json5, Map<String, String> agentEnvironment) throws Exception {
        return started(json5, agentEnvironment, vertx -> Locks.NONE);
    }

    /** As {@link #started(String)}, with the jobs' locks and semaphores made by {@code locks} on the fixture's Vert.x. */
    static JobFixture started(String json5, Map<String, String> agentEnvironment, Function<Vertx, Locks> locks)
            throws Exception {
        JobFixture fixture = new JobFixture(json5, () -> agentEnvironment, locks);
        Future.all(fixture.jobs.stream().map(Job::start).toList()).await(20, TimeUnit.SECONDS);
        fixture.bus.publish(new Event.Startup());
        return fixture;
    }

    /** The jobs of a whole configuration, loaded as the agent loads its file. */
    static List<JobConfig> parse(String json5) {
        try {
            Path file = Files.createTempFile("jobs-test", ".json5");
            try {
                Files.writeString(file, json5);
                return new ConfigLoader(Map.of()).load(file).jobs();
            } finally {
                Files.delete(file);
            }
        } catch (IOException | ConfigException e) {
            throw new AssertionError("the test's config does not load: " + e.getMessage(), e);
        }
    }

    Job job(String name) {
        return jobs.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    JobOutcome awaitEnd(String name) throws Exception {
        return job(name).completion().toCompletableFuture().get(EventTrace.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits until the job's process runs, and returns its pid. */
    int awaitRunning(String name) {
        return awaitSnapshot(name, s -> s.pid() > 0).pid();
    }

    JobSnapshot awaitSnapshot(String name, java.util.function.Predicate<JobSnapshot> condition) {
        // Snapshots are published without a signal to wait on: poll them, bounded.
        Eventually.until(() -> condition.test(job(name).snapshot()), EventTrace.PATIENCE,
                () -> "job " + name + " never reached the state; last " + job(name).snapshot());
        return job(name).snapshot();
    }

    @Override
    public void close() {
        jobs.forEach(Job::kill);
        try {
            vertx.close().await(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Vert.x did not close within 20s", e);
        }
        assertThat(errors).as("subscriber errors").isEmpty();
    }
}
