package io.autopilot.process;

import static java.lang.foreign.ValueLayout.ADDRESS;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Reads and resets a signal's disposition with {@code sigaction}. Needed because a signal ignored when the JVM
 * started (a parent ran us under {@code nohup}, or {@code trap '' TERM}) is silently not installed by the JDK's
 * {@code Signal.handle}: HotSpot sees SIG_IGN for HUP, INT and TERM and returns without installing.
 */
final class SignalDisposition {
    private SignalDisposition() {}

    static boolean isIgnored(int signal) {
        try (Arena arena = Arena.ofConfined()) {
            var current = arena.allocate(LinuxAbi.SIGACTION_SIZE, 8);
            if (Libc.sigaction(signal, MemorySegment.NULL, current) != 0) return false;
            return current.get(ADDRESS, LinuxAbi.SA_HANDLER).address() == LinuxAbi.SIG_IGN;
        }
    }

    /** Sets {@code signal} back to SIG_DFL if it is ignored; returns whether it was. */
    static boolean resetIfIgnored(int signal) {
        if (!isIgnored(signal)) return false;
        set(signal, LinuxAbi.SIG_DFL);
        return true;
    }

    /** Installs SIG_DFL or SIG_IGN (the two handler values that are not functions). */
    static void set(int signal, long handler) {
        try (Arena arena = Arena.ofConfined()) {
            // Zeroed: empty sa_mask, no flags; sa_handler is the first field.
            var action = arena.allocate(LinuxAbi.SIGACTION_SIZE, 8);
            action.set(ADDRESS, LinuxAbi.SA_HANDLER, MemorySegment.ofAddress(handler));
            if (Libc.sigaction(signal, action, MemorySegment.NULL) != 0) {
                throw new IllegalArgumentException("sigaction(" + signal + ") failed");
            }
        }
    }
}
