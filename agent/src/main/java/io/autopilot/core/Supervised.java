package io.autopilot.core;

import io.autopilot.jobs.JobSnapshot;
import io.autopilot.process.ExitStatus;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * What the agent needs of a job, whatever implements it: start it, learn when it has ended for good, and signal or
 * kill its process group. Every method may be called from any thread.
 */
public interface Supervised {
    String name();

    /** Whether the end of this job ends the agent (a {@code main: true} job, or the command after {@code --}). */
    boolean isMain();

    /** Completes once the job has subscribed to the bus: only then may {@code startup} be published. */
    Future<Void> start();

    /**
     * Completes when the job will never run again (out of starts and restarts, or stopped by shutdown), with the
     * status of its last process; empty if it never ran one.
     */
    Future<Optional<ExitStatus>> completion();

    /** Sends {@code signal} to the job's running process group, if it has one. */
    void signal(int signal);

    /** SIGKILLs the job's running process group, if any; the stop timeout ran out. */
    void kill();

    /** What the job looks like now, for {@code /status} and metrics; empty for a job that keeps none. */
    default Optional<JobSnapshot> snapshot() {
        return Optional.empty();
    }
}
