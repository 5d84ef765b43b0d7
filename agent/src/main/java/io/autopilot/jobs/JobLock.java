package io.autopilot.jobs;

import io.autopilot.discovery.LockConfig;
import io.autopilot.discovery.SessionLock;
import io.autopilot.events.Event;
import io.autopilot.process.Signals;
import java.util.Optional;

/**
 * A job's {@code lock}: taken before each run (waiting while another agent holds it), given up when the run's process
 * has exited, so that the jobs of every agent sharing the key run one at a time. Taking it publishes {@code elected},
 * giving it up or losing it {@code deposed}, with the job as source. A lock lost while the process runs sends it
 * {@code stopSignal}: it must not go on believing it is alone. Confined to the job's context.
 */
final class JobLock {
    private final Job job;
    private final Optional<LockConfig> config;
    private SessionLock lock;

    JobLock(Job job, Optional<LockConfig> config) {
        this.job = job;
        this.config = config;
    }

    /** Whether the next run may start: the job has no lock, or holds it. */
    boolean ready() {
        return config.isEmpty() || lock != null && lock.held();
    }

    /** Takes the lock, then runs {@code run}; nothing if it is being taken already. */
    void acquire(Runnable run) {
        if (lock != null) {
            return;
        }
        Optional<SessionLock> made = job.jobs.locks().lock(config.orElseThrow(), job.name(), this::lost);
        if (made.isEmpty()) {
            job.log.error(job.name() + " cannot run: its lock " + config.get().key() + " needs Consul, which the"
                    + " agent cannot use");
            return;
        }
        SessionLock taking = made.get();
        lock = taking;
        job.log.info("waiting for the lock " + config.get().key());
        taking.acquire().onSuccess(held -> {
            // Given up meanwhile (the job ended, or its wait was cancelled): the lock is released already.
            if (lock != taking) {
                return;
            }
            job.log.info("holding the lock " + config.get().key());
            job.jobs.bus().publish(new Event.Elected(job.name()));
            run.run();
        });
    }

    /** Gives the lock up (or stops waiting for it); {@code deposed} if it was held. */
    void release(String why) {
        SessionLock given = lock;
        lock = null;
        if (given == null) {
            return;
        }
        boolean held = given.held();
        given.release();
        if (held) {
            job.log.info("gave the lock " + config.orElseThrow().key() + " up");
            job.jobs.bus().publish(new Event.Deposed(job.name(), why));
        }
    }

    private void lost(String reason) {
        lock = null;
        job.log.warn("lost the lock " + config.orElseThrow().key() + ": " + reason);
        job.jobs.bus().publish(new Event.Deposed(job.name(), reason));
        if (job.current != null) {
            job.current.stop(Signals.number(job.config.stopSignal()));
        }
    }
}
