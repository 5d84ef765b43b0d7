package io.autopilot.jobs;

import io.autopilot.retry.Backoff;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The delays before a job's restarts ({@link BackoffConfig}): the agent's one {@link Backoff}, its ceiling starting at
 * {@code initial} and doubling up to {@code max}, with full jitter so that jobs failing together do not restart in
 * step; a run that stayed up for {@code resetAfter} starts the sequence over. Confined to its job's context.
 */
final class RestartBackoff {
    private final BackoffConfig config;
    private final Backoff backoff;
    private final DoubleSupplier random;
    private int consecutive;

    /** @param random uniform in [0, 1) */
    RestartBackoff(BackoffConfig config, DoubleSupplier random) {
        this.config = config;
        this.backoff = new Backoff(config.initial(), config.max());
        this.random = random;
    }

    /** The delay before the restart that follows a run that lasted {@code uptime}. */
    Duration next(Duration uptime) {
        if (uptime.compareTo(config.resetAfter()) >= 0) {
            consecutive = 0;
        }
        consecutive = Math.min(consecutive + 1, Integer.MAX_VALUE - 1);
        return backoff.delay(consecutive, random);
    }
}
