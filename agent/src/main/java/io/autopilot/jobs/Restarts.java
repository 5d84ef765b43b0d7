package io.autopilot.jobs;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * A job's restart budget ({@code restarts}) and the delay before each restart ({@code backoff}). As in
 * ContainerPilot the budget is shared by every way a job runs again (a restart after an exit, an interval tick) and
 * is never refilled. Confined to the job's context.
 */
final class Restarts {
    private final RestartPolicy policy;
    private final RestartBackoff backoff;
    private int used;

    Restarts(RestartPolicy policy, BackoffConfig backoff, DoubleSupplier random) {
        this.policy = policy;
        this.backoff = new RestartBackoff(backoff, random);
    }

    boolean available() {
        return switch (policy) {
            case RestartPolicy.Never n -> false;
            case RestartPolicy.Limited(int times) -> used < times;
            case RestartPolicy.Unlimited u -> true;
        };
    }

    /** Uses one restart without delay: an interval tick. */
    void takeTick() {
        used++;
    }

    /** Uses one restart after a run that lasted {@code uptime}; returns how long to wait before it. */
    Duration takeAfter(Duration uptime) {
        used++;
        return backoff.next(uptime);
    }

    int used() {
        return used;
    }
}
