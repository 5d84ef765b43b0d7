package io.autopilot.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a job or its health check runs.
 *
 * @param job the job's name
 * @param check whether this is the job's health check, whose events come from {@code check.<job>}
 * @param raw whether the process writes straight to the agent's stdout and stderr
 * @param timeout after this the process group is killed with SIGKILL
 */
record Command(String job, boolean check, List<String> argv, boolean raw, Optional<Duration> timeout) {
    Command {
        argv = List.copyOf(argv);
    }

    /** The event source of its exits: the job's name or {@code check.<job>}. */
    String source() {
        return check ? "check." + job : job;
    }
}
