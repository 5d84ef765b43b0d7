package io.autopilot.jobs;

import io.autopilot.decode.GoDuration;
import io.autopilot.discovery.SessionLock;
import io.autopilot.health.HealthStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * A job's {@code rolling}: a restart that is asked for (an operator's, a template's) first takes a slot of the
 * service's semaphore in Consul, while the old process keeps serving; holding it, the job restarts, and gives the slot
 * up once its new process is healthy, or after {@code healthyTimeout}. The job's own restarts after a crash are not
 * gated: they are not chosen, and waiting would keep a dead instance down. Confined to the job's context.
 */
final class RollingRestart {
    private final Job job;
    private SessionLock slot;
    /** Where a requested restart is, as {@code /status} shows it: empty, {@code waiting}, {@code restarting}. */
    private Optional<String> phase = Optional.empty();
    /** The run the restart replaces: its health no longer counts. */
    private ProcessRun replaced;
    private long restartedAt;
    private long timeout = -1;

    RollingRestart(Job job) {
        this.job = job;
    }

    /** Whether a restart of the running process must take a slot first. */
    boolean gates() {
        return job.config.rolling().isPresent();
    }

    /** Takes a slot, then runs {@code restart}; a restart already waiting or under way takes this one in. */
    RequestOutcome request(Runnable restart) {
        if (phase.isPresent()) {
            return RequestOutcome.UNCHANGED;
        }
        RollingConfig rolling = job.config.rolling().orElseThrow();
        Optional<SessionLock> made = job.jobs.locks().semaphore(rolling, job.name(), this::lost);
        if (made.isEmpty()) {
            job.log.error(job.name() + " is not restarted: its rolling restart takes a slot of " + rolling.key()
                    + " in Consul, which the agent cannot use");
            return RequestOutcome.UNCHANGED;
        }
        SessionLock taking = made.get();
        slot = taking;
        phase("waiting");
        job.log.info("rolling restart: waiting for one of the " + rolling.max() + " slots of " + rolling.key());
        taking.acquire().onSuccess(held -> {
            if (slot != taking) {
                return; // given up meanwhile: the job ended
            }
            phase("restarting");
            replaced = job.current;
            restartedAt = System.nanoTime();
            job.log.info("rolling restart: took a slot of " + rolling.key() + "; restarting");
            timeout = job.context.owner().setTimer(Math.max(1, rolling.healthyTimeout().toMillis()), id -> {
                timeout = -1;
                giveUp("not healthy within healthyTimeout " + GoDuration.format(rolling.healthyTimeout()));
            });
            restart.run();
        });
        return RequestOutcome.ACCEPTED;
    }

    /** The job's health changed: a new process that is healthy ends the restart. */
    void healthChanged() {
        if (phase.equals(Optional.of("restarting")) && job.current != null && job.current != replaced
                && job.health.status() == HealthStatus.HEALTHY) {
            giveUp("healthy again after "
                    + GoDuration.format(Duration.ofMillis((System.nanoTime() - restartedAt) / 1_000_000)));
        }
    }

    /** Gives the slot up (or stops waiting for it): the restart is done, or the job ends. */
    void giveUp(String why) {
        SessionLock given = slot;
        slot = null;
        replaced = null;
        if (timeout >= 0) {
            job.context.owner().cancelTimer(timeout);
            timeout = -1;
        }
        if (phase.isPresent()) {
            phase = Optional.empty();
            job.status.rolling(phase);
        }
        if (given != null && given.held()) {
            job.log.info("rolling restart: " + why + "; gave the slot of " + job.config.rolling().orElseThrow().key() + " up");
        }
        if (given != null) {
            given.release();
        }
    }

    private void phase(String now) {
        phase = Optional.of(now);
        job.status.rolling(phase);
    }

    private void lost(String reason) {
        job.log.warn("rolling restart: lost the slot of " + job.config.rolling().orElseThrow().key() + ": " + reason);
        giveUp(reason);
    }
}
