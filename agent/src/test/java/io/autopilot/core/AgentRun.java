package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.control.ControlConfig;
import io.autopilot.events.Event;
import io.autopilot.jobs.JobConfig;
import io.autopilot.logging.LoggingConfig;
import io.autopilot.process.Spawner;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RecordingLog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** An agent running in the test's JVM on a thread of its own, with its events and log recorded. */
final class AgentRun {
    static final long TIMEOUT_SECONDS = 20;

    final Agent agent;
    final RecordingLog log = new RecordingLog();
    final List<Event> events = new CopyOnWriteArrayList<>();
    private CompletableFuture<Integer> exit;

    private AgentRun(List<JobConfig> jobs, Duration stopTimeout, JobFactory factory, ComponentFactory components) {
        this(config(jobs, stopTimeout), factory, components, ConfigSource.NONE);
    }

    private AgentRun(AgentConfig config, JobFactory factory, ComponentFactory components, ConfigSource source) {
        var settings = new Agent.Settings(config, log, Spawner.system(), Init.childEnvironment(), factory,
                components, Watchdog.NONE, new LogControl() {
                    @Override
                    public void reopen() {
                        log.info("reopen");
                    }

                    @Override
                    public void reconfigure(LoggingConfig logging) {
                        log.info("logging reconfigured: " + logging);
                    }
                }, source);
        agent = Agent.create(settings);
        // Direct executor: publishing is serialised, so this list is the bus's one global order.
        agent.services().bus().subscribe(Runnable::run, events::add);
    }

    static AgentConfig config(List<JobConfig> jobs, Duration stopTimeout) {
        return new AgentConfig(Optional.empty(), LoggingConfig.DEFAULT, jobs, List.of(), Optional.empty(),
                ControlConfig.DEFAULT, stopTimeout);
    }

    /** Real jobs and processes, reloading from {@code source}. */
    static AgentRun reloading(AgentConfig config, ConfigSource source) {
        return reloading(config, source, ComponentFactory.NONE);
    }

    /** Real jobs and processes beside the factory's components, reloading from {@code source}. */
    static AgentRun reloading(AgentConfig config, ConfigSource source, ComponentFactory components) {
        return new AgentRun(config, SupervisedJob.factory(), components, source);
    }

    /** Real jobs and processes. */
    static AgentRun of(Duration stopTimeout, JobConfig... jobs) {
        return new AgentRun(List.of(jobs), stopTimeout, SupervisedJob.factory(), ComponentFactory.NONE);
    }

    /** Real jobs and processes, beside the given components. */
    static AgentRun withComponents(Duration stopTimeout, List<Component> components, JobConfig... jobs) {
        return new AgentRun(List.of(jobs), stopTimeout, SupervisedJob.factory(),
                (config, services) -> components);
    }

    /** The agent as {@link Init} makes it, from the given factories. */
    static AgentRun withFactories(Duration stopTimeout, List<JobConfig> jobs, JobFactory factory,
            ComponentFactory components) {
        return new AgentRun(jobs, stopTimeout, factory, components);
    }

    /** Jobs the test drives: one config per fake, matched by name. */
    static AgentRun faking(Duration stopTimeout, FakeJob... fakes) {
        List<JobConfig> configs = List.of(fakes).stream()
                .map(fake -> Jobs.job(fake.name(), List.of("true"))).toList();
        JobFactory factory = (ignored, names, services) -> {
            List.of(fakes).forEach(fake -> fake.services = services);
            return List.of(fakes);
        };
        return new AgentRun(configs, stopTimeout, factory, ComponentFactory.NONE);
    }

    AgentRun start() {
        exit = CompletableFuture.supplyAsync(agent::run, runnable -> Thread.ofPlatform().start(runnable));
        return this;
    }

    /** Waits until the agent has published {@code startup}. */
    AgentRun awaitStartup() {
        Eventually.until(() -> events.contains(new Event.Startup()), () -> "startup; log: " + log.messages);
        return this;
    }

    int exitCode() {
        try {
            return exit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the agent did not finish within " + TIMEOUT_SECONDS + " s; log: "
                    + log.messages, e);
        }
    }

    boolean finished() {
        return exit.isDone();
    }
}
