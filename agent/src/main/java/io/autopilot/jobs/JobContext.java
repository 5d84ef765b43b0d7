package io.autopilot.jobs;

import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.autopilot.process.Spawner;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What every job shares: the Vert.x instance it takes its context from, the bus, the spawner and the thread spawns
 * run on (its own, so a stalled file write or reload never delays a health check), the agent's log (each job adds
 * {@code job=<name>}), the environment for its children, and how it asks the agent to stop when it gives up with
 * {@code onGiveUp: "stop"} (called with the exit code the agent should end with, from any thread), and where their
 * {@code lock}s come from.
 */
public record JobContext(Vertx vertx, EventBus bus, Spawner spawner, WorkerExecutor spawns, Log log,
                         SpawnEnvironment environment, IntConsumer requestAgentStop, Locks locks) {
    public JobContext {
        Objects.requireNonNull(vertx, "vertx");
        Objects.requireNonNull(bus, "bus");
        Objects.requireNonNull(spawner, "spawner");
        Objects.requireNonNull(spawns, "spawns");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(requestAgentStop, "requestAgentStop");
        Objects.requireNonNull(locks, "locks");
    }

    /** @param agentEnvironment the agent's environment now (JVM variables removed), read at every spawn */
    public static JobContext of(Vertx vertx, EventBus bus, Spawner spawner, WorkerExecutor spawns, Log log,
                                Supplier<Map<String, String>> agentEnvironment, IntConsumer requestAgentStop) {
        return new JobContext(vertx, bus, spawner, spawns, log, new SpawnEnvironment(agentEnvironment),
                requestAgentStop, Locks.NONE);
    }

    /** The same, with jobs' locks taken from {@code from}. */
    public JobContext withLocks(Locks from) {
        return new JobContext(vertx, bus, spawner, spawns, log, environment, requestAgentStop, from);
    }
}
