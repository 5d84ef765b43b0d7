package io.autopilot.core;

import io.vertx.core.Future;

/**
 * A part of the agent that is not a job but runs with it — watches, service registrations, the control plane,
 * telemetry. Like a job it subscribes before {@code startup} is published; unlike a job it has no process, and it is
 * stopped only after every job has ended (so a registration outlives its job's {@code stopping} hooks, as in
 * ContainerPilot). Every method may be called from any thread.
 *
 * <p>On a reload the {@link ComponentFactory} makes the components of the new configuration, and the agent compares
 * them by {@link #name()} with the running ones: a running component whose {@link #configuration()} is equal to its
 * successor's keeps running (the successor is dropped unstarted); otherwise it is stopped and its successor started.
 * Components no longer made are stopped, new ones started. A component started by a reload starts after
 * {@code startup} was published: it must not wait for it, and is told so by {@link #startupPassed()}.
 */
public interface Component {
    String name();

    /** Completes once the component has subscribed to the bus and may receive {@code startup}. */
    Future<Void> start();

    /**
     * A reload started this component after {@code startup} was published: it acts now as it would have on
     * {@code startup} (a watch begins its queries, a registration registers, a template renders). After
     * {@link #start()}.
     */
    default void startupPassed() {
    }

    /** Releases what the component holds (deregisters, closes its sockets); the stop timeout bounds it. */
    Future<Void> stop();

    /**
     * Whether the agent keeps running for this component when every job has completed. ContainerPilot never exited
     * while telemetry was on, because its telemetry endpoint was a job that never completed.
     */
    default boolean keepsAgentAlive() {
        return false;
    }

    /**
     * What {@link #configuration()} returns unless overridden: the component may have been made from any part of the
     * configuration, so any change to the file restarts it.
     */
    Object WHOLE_CONFIGURATION = new Object() {
        @Override
        public String toString() {
            return "the whole configuration";
        }
    };

    /**
     * The part of the configuration this component was made from (the {@code control} block for the control plane,
     * a job's service for its registration), compared with {@code equals} on a reload: a reload restarts the
     * component only if it changed. By default {@link #WHOLE_CONFIGURATION}: restarted by any change. A component
     * made from nothing in the configuration returns a constant, and is never restarted.
     */
    default Object configuration() {
        return WHOLE_CONFIGURATION;
    }
}
