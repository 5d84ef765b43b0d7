package io.autopilot.core;

import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.RequestOutcome;
import io.autopilot.process.ExitStatus;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.Set;

/**
 * What the agent needs of a job, whatever implements it: start it, learn when it has ended for good, signal or kill
 * its process group, and what a reload does to it. Every method may be called from any thread.
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

    /** What the job looks like now, for {@code /v3/status}. */
    JobSnapshot snapshot();

    /** An operator's start, stop, restart or signal ({@code /v3/jobs/<name>/…}); see {@code jobs.Job}. */
    Future<RequestOutcome> request(JobRequest request);

    /**
     * Stops this job alone through its normal stop sequence (a reload removes or replaces it). A hook of a job in
     * {@code stoppingWithIt} stays to run on that job's {@code stopping}/{@code stopped} first. Completes once the job
     * has taken the request; {@link #completion()} tells when it has ended.
     */
    Future<Void> stop(Set<String> stoppingWithIt);

    /** Acts on the {@code startup} published before this job existed (a reload made it). After {@link #start()}. */
    void startupPassed();

    /**
     * The jobs it waits for when it stops, after a reload changed its pre-stop hooks.
     *
     * @param renewed jobs the reload replaced: their old instances' {@code stopped} no longer counts
     */
    void replaceStopHooks(Set<String> hooks, Set<String> renewed);
}
