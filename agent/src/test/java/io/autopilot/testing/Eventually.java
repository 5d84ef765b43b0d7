package io.autopilot.testing;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A bounded wait for something another thread does; fails the test with a description instead of hanging. */
public final class Eventually {
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(20);

    private Eventually() {
    }

    /** Polls {@code condition} every few milliseconds until it holds, for at most 20 s. */
    public static void until(BooleanSupplier condition, Supplier<String> description) {
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + description.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
