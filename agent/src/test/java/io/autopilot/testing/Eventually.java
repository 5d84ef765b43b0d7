package io.autopilot.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits for what another thread or process brings about: the condition is polled every few milliseconds
 * until it holds or the bound passes, and then the test fails with a description instead of hanging. A condition may
 * also fail the wait early by throwing (an agent that exited will never become ready). The one place tests poll.
 */
public final class Eventually {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(20);

    private Eventually() {
    }

    /** Until {@code condition} holds, for at most 20 s. */
    public static void until(BooleanSupplier condition, Supplier<String> description) {
        until(condition, DEFAULT_TIMEOUT, description);
    }

    /** Until {@code condition} holds, for at most {@code timeout}. */
    public static void until(BooleanSupplier condition, Duration timeout, Supplier<String> description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + description.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Until {@code condition} holds, for at most {@code timeout}, polling every few microseconds: for a state that
     * lasts only milliseconds (a launcher script before it execs), which a 5 ms poll could miss.
     */
    public static void spinUntil(BooleanSupplier condition, Duration timeout, Supplier<String> description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + description.get());
            }
            LockSupport.parkNanos(SPIN_NANOS);
        }
    }

    /**
     * Checks {@code condition} for all of {@code window} and fails as soon as it does not hold: for what must not
     * happen, which no single observation can prove.
     */
    public static void holdsFor(Duration window, BooleanSupplier condition, Supplier<String> description) {
        long end = System.nanoTime() + window.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("no longer true: " + description.get());
            }
            LockSupport.parkNanos(POLL_NANOS);
        } while (System.nanoTime() < end);
    }
}
