package io.autopilot.core;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Halts the JVM if the agent's way out hangs: a stuck event loop during shutdown, or a shutdown hook that never
 * returns after {@code System.exit}. A PID 1 that cannot exit keeps its container alive until someone kills it, and
 * since the JVM ignores TERM while it exits, only SIGKILL would help. {@link Runtime#halt} skips the hooks.
 */
public interface Watchdog {
    /** No watchdog: for an agent running inside another program (tests). */
    Watchdog NONE = new Watchdog() {
        @Override
        public void arm(Duration within, IntSupplier code) {
        }

        @Override
        public void halt(int code) {
        }
    };

    /** Halts with {@code code.getAsInt()} unless the process is gone within {@code within}; later calls add timers. */
    void arm(Duration within, IntSupplier code);

    /**
     * Halts now, on the calling thread, its descendants SIGKILLed first as the exit's hook would have: for when the way
     * out cannot run at all (a fatal error while stopping).
     */
    void halt(int code);

    /** A watchdog that really halts, on a daemon thread created only when armed. */
    static Watchdog halting() {
        return new Watchdog() {
            @Override
            public void arm(Duration within, IntSupplier code) {
                Thread.ofPlatform().name("autopilot-watchdog").daemon().stackSize(128 * 1024).start(() -> {
                    try {
                        Thread.sleep(within);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println("autopilot: exit did not finish within " + within.toMillis()
                            + " ms; halting");
                    // Not the descendants' sweep: the exit under way may be waiting for one of them (the JVM's
                    // AOT cache assembly, when the build trains the cache), which then finishes on its own.
                    Runtime.getRuntime().halt(code.getAsInt());
                });
            }

            @Override
            public void halt(int code) {
                try {
                    DescendantSweep.killAll();
                } finally {
                    Runtime.getRuntime().halt(code);
                }
            }
        };
    }
}
