package io.autopilot.core;

import io.autopilot.events.EventBus;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.logging.Log;
import io.autopilot.process.Spawner;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What the agent gives its jobs: the shared runtime, nothing global.
 *
 * @param environment the base environment of every child: the agent's own without its JVM variables, plus
 *     {@code CONTAINERPILOT_PID}
 * @param stopAgent asks the agent to shut down and exit with the given code (a job that gave up with
 *     {@code onGiveUp: "stop"}); callable from any thread
 * @param jobs the jobs' current snapshots, in configuration order, read-only, from any thread (empty until the jobs
 *     exist)
 */
public record AgentServices(
        Vertx vertx,
        EventBus bus,
        Spawner spawner,
        Log log,
        Map<String, String> environment,
        IntConsumer stopAgent,
        Supplier<List<JobSnapshot>> jobs) {

    public AgentServices {
        environment = Map.copyOf(environment);
    }
}
