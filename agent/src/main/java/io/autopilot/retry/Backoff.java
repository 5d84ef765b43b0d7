package io.autopilot.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with full jitter: after the n-th failure in a row the pause is drawn uniformly between
 * zero and a ceiling that is {@code initial} for the first failure and doubles with each further one, up to
 * {@code max}.
 *
 * <p>Why full jitter: agents of a fleet fail together (Consul restarts, a shared dependency goes down); with a fixed
 * sequence they all try again at the same instants, in waves that can keep the recovering service down. Drawing each
 * pause from the whole window spreads them evenly over it, costs the fewest attempts of the usual schemes, and needs
 * no state but the count of failures, so a test fixes it with the random source. A pause may be shorter than
 * {@code initial}; on average it is half the ceiling.
 *
 * @param initial the ceiling of the first pause; zero for no pause at all
 * @param max the highest ceiling
 */
public record Backoff(Duration initial, Duration max) {
    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max, not " + initial + " and " + max);
        }
    }

    /** The ceiling of the pause after {@code failures} failures in a row (1 for the first). */
    public Duration ceiling(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 62);
        long initialNanos = initial.toNanos();
        long maxNanos = max.toNanos();
        return initialNanos > maxNanos >> doublings ? max : Duration.ofNanos(initialNanos << doublings);
    }

    /**
     * The pause after {@code failures} failures in a row.
     *
     * @param random uniform in [0, 1): {@code ThreadLocalRandom}'s in production, a fixed one in tests
     */
    public Duration delay(int failures, DoubleSupplier random) {
        double draw = random.getAsDouble();
        if (draw < 0 || draw >= 1) {
            throw new IllegalArgumentException("a random draw must be in [0, 1), not " + draw);
        }
        return Duration.ofNanos((long) (ceiling(failures).toNanos() * draw));
    }

    /** The same growth, never longer than {@code cap}. */
    public Backoff cappedAt(Duration cap) {
        Duration newMax = max.compareTo(cap) < 0 ? max : cap;
        return new Backoff(initial.compareTo(newMax) < 0 ? initial : newMax, newMax);
    }
}
