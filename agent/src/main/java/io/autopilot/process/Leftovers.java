package io.autopilot.process;

import java.time.Duration;

/**
 * What becomes of the rest of a child's process group (what it started and did not wait for) when the child exits,
 * and so how long {@link Child#exit()} waits for them to close the child's piped output.
 */
public enum Leftovers {
    /**
     * They keep running, as they would have under ContainerPilot: a job may start a daemon and exit. The exit waits
     * up to one second for the output they hold, so that the child's last lines come first.
     */
    KEEP(Duration.ofSeconds(1)),

    /**
     * The group gets SIGKILL as the child exits, before it is reaped (so the group id cannot have been recycled).
     * The exit waits at most 100 ms for the output: the killed processes close it at once, and only one that left the
     * group could hold it longer. For the agent's own short-lived commands, which run again and again: a health check,
     * a template's validate.
     */
    KILL(Duration.ofMillis(100));

    private final Duration outputGrace;

    Leftovers(Duration outputGrace) {
        this.outputGrace = outputGrace;
    }

    /** How long after the reap {@link Child#exit()} waits for the piped output to reach end of file. */
    public Duration outputGrace() {
        return outputGrace;
    }
}
