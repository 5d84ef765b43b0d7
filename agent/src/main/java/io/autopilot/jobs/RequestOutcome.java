package io.autopilot.jobs;

/** How a job took an operator's request to start, stop, restart or signal it. */
public enum RequestOutcome {
    /** Done, or under way: a stop or restart completes when the process has exited. */
    ACCEPTED,
    /** Nothing to do: the job is already as asked (running, held), or it has no process to signal. */
    UNCHANGED,
    /** The job has ended for good, or is stopping with the agent: it takes no more requests. */
    ENDED
}
