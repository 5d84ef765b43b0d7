package io.autopilot.jobs;

import io.autopilot.process.Signals;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * An operator's requests to one job, from the control plane: start, hold (stop without ending the job), restart,
 * signal. Each runs on the job's context and answers what it did; none uses the job's restarts.
 */
final class JobRequests {
    private final Job job;

    JobRequests(Job job) {
        this.job = job;
    }

    RequestOutcome start() {
        if (job.hasEnded()) {
            return RequestOutcome.ENDED;
        }
        if (job.current != null && job.held) {
            job.held = false; // its process is still on its way out: run again once it has exited
            job.restartOnExit = true;
            return RequestOutcome.ACCEPTED;
        }
        if (job.current != null || job.active) {
            return RequestOutcome.UNCHANGED;
        }
        job.startNow();
        return RequestOutcome.ACCEPTED;
    }

    RequestOutcome stop() {
        if (job.hasEnded()) {
            return RequestOutcome.ENDED;
        }
        job.restartOnExit = false;
        job.rolling.giveUp("the job was stopped"); // a restart still waiting for its slot must not start it again
        if (job.held) {
            return RequestOutcome.UNCHANGED;
        }
        job.held = true;
        job.cancelTimers();
        job.health.stop();
        job.active = false;
        if (job.current != null) {
            job.current.stop(Signals.number(job.config.stopSignal())); // HELD once it has exited
        } else {
            job.status.held();
        }
        return RequestOutcome.ACCEPTED;
    }

    /**
     * Sends {@code stopSignal} to the running process and runs the job again once it has exited; else starts it. With
     * {@code rolling}, the process keeps running until a slot of its service's semaphore is taken.
     */
    RequestOutcome restart() {
        if (job.hasEnded()) {
            return RequestOutcome.ENDED;
        }
        if (job.current != null && job.rolling.gates()) {
            return job.rolling.request(this::restartNow);
        }
        return restartNow();
    }

    private RequestOutcome restartNow() {
        if (job.hasEnded()) {
            return RequestOutcome.ENDED;
        }
        if (job.current == null) {
            job.health.stop();
            job.active = false;
            job.startNow();
            return RequestOutcome.ACCEPTED;
        }
        job.held = false;
        job.restartOnExit = true;
        job.current.stop(Signals.number(job.config.stopSignal()));
        return RequestOutcome.ACCEPTED;
    }

    RequestOutcome signal(int signal) {
        if (job.current == null) {
            return job.status.isFinal() ? RequestOutcome.ENDED : RequestOutcome.UNCHANGED;
        }
        job.current.signal(signal);
        return RequestOutcome.ACCEPTED;
    }

    /**
     * The lock the job was started under is lost: its process gets {@code stopSignal}, and it runs again on its next
     * trigger, not on a restart, so it never runs without the lock.
     */
    void depose() {
        job.restartOnExit = false;
        job.cancelTimers();
        if (job.current != null) {
            job.deposed = true;
            job.current.stop(Signals.number(job.config.stopSignal()));
        } else if (!job.hasEnded() && !job.held && !job.active) {
            job.status.waiting();
        }
    }

    Future<RequestOutcome> onContext(Supplier<RequestOutcome> request) {
        Context owner = job.context;
        if (owner == null) {
            return Future.failedFuture(new IllegalStateException("job " + job.name() + " has not started yet"));
        }
        Promise<RequestOutcome> outcome = Promise.promise();
        owner.runOnContext(v -> outcome.complete(request.get()));
        return outcome.future();
    }
}
