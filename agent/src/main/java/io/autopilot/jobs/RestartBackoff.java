package io.autopilot.jobs;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The delays before a job's restarts ({@link BackoffConfig}): {@code initial}, then doubling up to {@code max}, each
 * with ±20% jitter so that jobs failing together do not restart in step; a run that stayed up for
 * {@code resetAfter} starts the sequence over. Confined to its job's context.
 */
final class RestartBackoff {
    private static final double JITTER = 0.2;

    private final BackoffConfig config;
    private final DoubleSupplier random;
    private int consecutive;

    /** @param random uniform in [0, 1) */
    RestartBackoff(BackoffConfig config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
    }

    /** The delay before the restart that follows a run that lasted {@code uptime}. */
    Duration next(Duration uptime) {
        if (uptime.compareTo(config.resetAfter()) >= 0) {
            consecutive = 0;
        }
        long base = Math.min(config.initial().toNanos() << Math.min(consecutive, 32), config.max().toNanos());
        if (base < 0) {
            base = config.max().toNanos();
        }
        consecutive++;
        double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
        return Duration.ofNanos(Math.min((long) (base * factor), config.max().toNanos()));
    }
}
