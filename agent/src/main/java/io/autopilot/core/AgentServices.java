package io.autopilot.core;

import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.autopilot.process.Spawner;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * What the agent gives its jobs: the shared runtime, nothing global.
 *
 * @param environment the base environment of every child: the agent's own without its JVM variables, plus
 *     {@code CONTAINERPILOT_PID}
 * @param stopAgent asks the agent to shut down and exit with the given code (a job that gave up with
 *     {@code onGiveUp: "stop"}); callable from any thread
 */
public record AgentServices(
        Vertx vertx,
        EventBus bus,
        Spawner spawner,
        Log log,
        Map<String, String> environment,
        IntConsumer stopAgent) {

    public AgentServices {
        environment = Map.copyOf(environment);
    }
}
