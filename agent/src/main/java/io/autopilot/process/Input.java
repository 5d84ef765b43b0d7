package io.autopilot.process;

/** Where a child's stdin comes from. */
public enum Input {
    /** {@code /dev/null}, as ContainerPilot gave every process it started. */
    NULL_DEVICE,

    /**
     * The agent's own stdin, as tini gives its child. When that is the agent's controlling terminal and the agent is
     * in the terminal's foreground, the child's process group becomes the foreground group (set in the child before
     * it executes the program, as tini does): it can read what is typed, and the terminal's signals (Ctrl-C, a
     * resize) reach it directly. From then on the agent ignores SIGTTOU and SIGTTIN, as tini does, so that writing its
     * log to a terminal it no longer owns can never stop it. A controlling terminal the agent cannot give away (it
     * runs in the background, or the C library is older than glibc 2.35) is not passed on: the child gets
     * {@code /dev/null}, because reading that terminal from the background would stop it.
     */
    INHERIT
}
