package io.autopilot.jobs;

/** Where a job is in its life, for {@link JobSnapshot}. The last four are final. */
public enum JobState {
    /** Waiting for its trigger (before the first start, or between runs of an {@code each} or periodic job). */
    WAITING,
    /** Its process runs (or, for a job without {@code exec}, it has started and runs its checks). */
    RUNNING,
    /** Its process exited; it restarts when the backoff delay has passed. */
    BACKING_OFF,
    /**
     * Stopped on request ({@code -stop}, {@code /v3/jobs/<name>/stop}): it ignores its triggers and does not restart
     * until started again. Not final: the agent still counts it among its running jobs.
     */
    HELD,
    /** Stopping: it published {@code stopping} and waits for its hooks, then for its process to exit. */
    STOPPING,
    /** It ran out of starts and restarts after a successful last run (or it never ran and the agent stopped). */
    COMPLETED,
    /** Its last run failed and no restart is left. */
    GAVE_UP,
    /** Its {@code when.timeout} expired before its trigger came. */
    TIMED_OUT,
    /** The agent stopped it: a shutdown, or a reload that removed or replaced it. */
    STOPPED;

    public boolean isFinal() {
        return ordinal() >= COMPLETED.ordinal();
    }
}
