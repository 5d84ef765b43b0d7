package io.autopilot.process;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The agent's controlling terminal, for a child that inherits the agent's stdin ({@link Input#INHERIT}). tini gives
 * its child the terminal unconditionally; here only a terminal the agent holds in the foreground is given away, so an
 * agent started in the background of a shell never takes the terminal from that shell.
 */
final class Terminal {
    private static final System.Logger LOG = System.getLogger(Terminal.class.getName());
    private static final AtomicBoolean YIELDED = new AtomicBoolean();
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    /** What a child that inherits the agent's stdin gets. */
    enum Share {
        /** stdin is not the agent's controlling terminal: reading it can never stop the child, so it is passed on. */
        STDIN,
        /** stdin is the terminal the agent holds in the foreground, and the child takes the foreground with it. */
        FOREGROUND,
        /**
         * stdin is the agent's controlling terminal but the child cannot have its foreground: a read from the
         * background would stop the child (SIGTTIN) for good, so it gets {@code /dev/null} instead.
         */
        NOTHING
    }

    private Terminal() {}

    static Share forChild() {
        int foreground = Libc.tcgetpgrp(0);
        if (foreground < 0) return Share.STDIN;
        // Both are 0 when the groups are outside our pid namespace (PID 1 of a namespace made inside the terminal's
        // session): then we cannot tell them apart, and take the terminal as tini would.
        if (foreground != Libc.getpgid(0)) return Share.NOTHING;
        if (Libc.canSpawnInForeground()) return Share.FOREGROUND;
        if (!WARNED.getAndSet(true)) {
            LOG.log(System.Logger.Level.WARNING, "the C library has no posix_spawn_file_actions_addtcsetpgrp_np"
                    + " (glibc 2.35 has it), so the command cannot have the terminal: its stdin is /dev/null");
        }
        return Share.NOTHING;
    }

    /**
     * Called before a child takes the foreground: from then on the agent is a background process of its terminal, and
     * with {@code stty tostop} each of its log writes raises SIGTTOU. Handled, the signal makes the write start again,
     * which raises it again, for ever (or the write fails, when the agent's group has no parent in the session); only
     * an ignored SIGTTOU lets the write through. tini ignores it, and SIGTTIN, for this.
     */
    static void yieldForeground() {
        if (YIELDED.getAndSet(true)) return;
        SignalDisposition.set(LinuxAbi.SIGTTOU, LinuxAbi.SIG_IGN);
        SignalDisposition.set(LinuxAbi.SIGTTIN, LinuxAbi.SIG_IGN);
    }
}
