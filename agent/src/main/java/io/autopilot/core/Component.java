package io.autopilot.core;

import io.vertx.core.Future;

/**
 * A part of the agent that is not a job but runs with it — watches, service registrations, the control plane,
 * telemetry. Like a job it subscribes before {@code startup} is published; unlike a job it has no process, and it is
 * stopped only after every job has ended (so a registration outlives its job's {@code stopping} hooks, as in
 * ContainerPilot). Every method may be called from any thread.
 */
public interface Component {
    String name();

    /** Completes once the component has subscribed to the bus and may receive {@code startup}. */
    Future<Void> start();

    /** Releases what the component holds (deregisters, closes its sockets); the stop timeout bounds it. */
    Future<Void> stop();

    /**
     * Whether the agent keeps running for this component when every job has completed. ContainerPilot never exited
     * while telemetry was on, because its telemetry endpoint was a job that never completed.
     */
    default boolean keepsAgentAlive() {
        return false;
    }
}
