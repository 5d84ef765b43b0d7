package io.autopilot.core;

import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.autopilot.process.Spawner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What the agent gives its jobs: the shared runtime, nothing global.
 *
 * @param environment the base environment of every child: the agent's own without its JVM variables, plus
 *     {@code CONTAINERPILOT_PID}, plus what {@code -putenv} has set since
 * @param jobs the agent's jobs, for components that act on them; filled before the components are made
 * @param stopAgent asks the agent to shut down and exit with the given code (a job that gave up with
 *     {@code onGiveUp: "stop"}); callable from any thread
 * @param reload reloads the configuration ({@link Agent#reload()}); callable from any thread
 * @param errors where parts report what they did not expect; counted for the metric and the status
 * @param blocking the threads that spawns, file writes and textfile reads run on
 */
public record AgentServices(
        Vertx vertx,
        EventBus bus,
        Spawner spawner,
        Log log,
        AgentEnvironment environment,
        JobDirectory jobs,
        IntConsumer stopAgent,
        Supplier<Future<ReloadResult>> reload,
        AgentErrors errors,
        BlockingThreads blocking) {
}
