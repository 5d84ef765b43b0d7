package io.autopilot.core;

import io.autopilot.events.Event;
import io.autopilot.jobs.JobConfig;
import io.autopilot.process.Spawner;
import java.time.Duration;
import java.util.List;
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
        var settings = new Agent.Settings(jobs, stopTimeout, log, Spawner.system(), Init.childEnvironment(), factory,
                components, Watchdog.NONE, () -> log.info("reopen"));
        agent = Agent.create(settings);
        // Direct executor: publishing is serialised, so this list is the bus's one global order.
        agent.services().bus().subscribe(Runnable::run, events::add);
    }

    /** Real jobs and processes. */
    static AgentRun of(Duration stopTimeout, JobConfig... jobs) {
        return new AgentRun(List.of(jobs), stopTimeout, SupervisedJob.factory(), ComponentFactory.NONE);
    }

    /** Real jobs and processes, beside the given components. */
    static AgentRun withComponents(Duration stopTimeout, List<Component> components, JobConfig... jobs) {
        return new AgentRun(List.of(jobs), stopTimeout, SupervisedJob.factory(), services -> components);
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
        JobFactory factory = (ignored, services) -> {
            List.of(fakes).forEach(fake -> fake.services = services);
            return List.of(fakes);
        };
        return new AgentRun(configs, stopTimeout, factory, ComponentFactory.NONE);
    }

    AgentRun start() {
        exit = CompletableFuture.supplyAsync(agent::run, runnable -> Thread.ofPlatform().start(runnable));
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
