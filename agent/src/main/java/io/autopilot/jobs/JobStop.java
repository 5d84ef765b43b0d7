package io.autopilot.jobs;

import io.autopilot.decode.GoDuration;
import io.autopilot.events.Event;
import io.autopilot.process.Signals;
import java.util.HashSet;
import java.util.Set;

/**
 * A job's stop sequence: publish {@code stopping}, wait for the job's pre-stop hooks (bounded by its
 * {@code stopTimeout}), send its {@code stopSignal}, and once the process has exited publish {@code stopped} (and
 * {@code gaveUp} before it, when the job gave up). Its steps follow one another on the job's context.
 */
final class JobStop {
    private final Job job;

    private boolean requested;
    private JobState finalState;
    private boolean waitingForHooks;
    private long hookTimer = -1;
    private boolean signalled;

    JobStop(Job job) {
        this.job = job;
    }

    void request() {
        requested = true;
    }

    boolean requested() {
        return requested;
    }

    boolean inProgress() {
        return finalState != null;
    }

    void begin(JobState state) {
        finalState = state;
        job.rolling.giveUp("the job ends");
        job.status.stopping();
        job.jobs.bus().publish(new Event.Stopping(job.name()));
        if (pendingHooks().isEmpty()) {
            stopProcess();
            return;
        }
        waitingForHooks = true;
        job.log.debug(job.name() + " waits for " + pendingHooks() + " before it stops");
        if (job.config.stopTimeout().isPositive()) {
            hookTimer = job.context.owner().setTimer(Math.max(1, job.config.stopTimeout().toMillis()), id -> {
                hookTimer = -1;
                job.log.warn(job.name() + " stopped waiting for " + pendingHooks() + " after "
                        + GoDuration.format(job.config.stopTimeout()));
                stopProcess();
            });
        }
    }

    void hookStopped() {
        if (waitingForHooks && pendingHooks().isEmpty()) {
            cancelHookTimer();
            stopProcess();
        }
    }

    private void cancelHookTimer() {
        if (hookTimer >= 0) {
            job.context.owner().cancelTimer(hookTimer);
            hookTimer = -1;
        }
    }

    void abandonHooks() {
        if (waitingForHooks) {
            job.log.warn(job.name() + " stopped waiting for " + pendingHooks() + ": the agent's stop timeout ran out");
            cancelHookTimer();
            stopProcess();
        }
    }

    void processExited() {
        if (!waitingForHooks && signalled) {
            finish();
        }
    }

    private Set<String> pendingHooks() {
        Set<String> pending = new HashSet<>(job.stopHooks);
        pending.removeAll(job.stoppedJobs);
        return pending;
    }

    private void stopProcess() {
        waitingForHooks = false;
        signalled = true;
        job.active = false;
        ProcessRun run = job.current;
        if (run == null) {
            finish();
            return;
        }
        run.stop(Signals.number(job.config.stopSignal()));
    }

    private void finish() {
        JobOutcome outcome = job.status.end(finalState);
        int exitCode = outcome.lastExit().map(s -> s.containerExitCode()).orElse(1);
        if (finalState == JobState.GAVE_UP) {
            job.log.error(job.name() + " gave up: its last run failed (" + outcome.lastExit().map(ExitReason::of)
                    .orElse("never ran") + ") and no restart is left");
            job.jobs.bus().publish(new Event.GaveUp(job.name(), exitCode));
        }
        job.jobs.bus().publish(new Event.Stopped(job.name()));
        job.subscription.cancel();
        if (finalState == JobState.GAVE_UP && job.config.onGiveUp() == GiveUpAction.STOP) {
            job.jobs.requestAgentStop().accept(exitCode);
        }
        job.completion.complete(outcome);
    }

    /** The stop timeout ran out: the job's check is killed too, and its pre-stop hooks are no longer waited for. */
    void killChecksAndAbandonHooks() {
        JobHealth checks = job.health;
        if (checks != null) {
            checks.kill();
        }
        if (job.context != null) {
            job.context.runOnContext(v -> abandonHooks());
        }
    }
}
