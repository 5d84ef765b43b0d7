package io.autopilot.discovery.consul;

import java.time.Duration;

/**
 * Capped exponential backoff: {@code initial}, twice that, ... up to {@code max}, counted in failures in a row.
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, not " + initial + " and " + max);
        }
    }

    /** The pause after {@code failures} failures in a row (1 for the first). */
    public Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** The same growth, never longer than {@code cap}. */
    public Backoff cappedAt(Duration cap) {
        Duration newMax = max.compareTo(cap) < 0 ? max : cap;
        return new Backoff(initial.compareTo(newMax) < 0 ? initial : newMax, newMax);
    }
}
