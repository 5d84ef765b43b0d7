package io.autopilot.events;

/**
 * Why a job's process ended, as far as the agent can tell: the {@code cause} of its exit events, of its log line, of
 * {@code -status} and of the {@code autopilot_job_exits_total} metric. {@link #label()} is the value users see.
 */
public enum ExitCause {
    /** It exited by itself, with a code. */
    EXIT("exit"),
    /** The agent stopped it: the agent's shutdown, a reload, an operator's stop or restart. */
    STOPPED("stopped"),
    /** The agent killed it: its {@code timeout} ran out, or the agent's {@code stopTimeout} did while it stopped. */
    TIMEOUT("timeout"),
    /** The kernel's OOM killer killed it: a SIGKILL while the cgroup's {@code oom_kill} count rose. */
    OOM("oom"),
    /** Another signal killed it, sent from outside the agent or forwarded by it; the reason names the signal. */
    SIGNAL("signal"),
    /** It could not be started (127: not found, 126: not executable or another spawn failure). */
    SPAWN_FAILURE("spawn_failure");

    private final String label;

    ExitCause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
