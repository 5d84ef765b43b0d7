package io.autopilot.core;

import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.autopilot.process.Spawner;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the agent gives every job: the shared runtime, nothing global.
 *
 * @param environment the base environment of every child: the agent's own without its JVM variables, plus
 *     {@code CONTAINERPILOT_PID}
 * @param stopAgent asks the agent to shut down, with a reason for the log (a job that gave up and must take the
 *     container down)
 */
public record AgentServices(
        Vertx vertx,
        EventBus bus,
        Spawner spawner,
        Log log,
        Map<String, String> environment,
        Consumer<String> stopAgent) {

    public AgentServices {
        environment = Map.copyOf(environment);
    }
}
