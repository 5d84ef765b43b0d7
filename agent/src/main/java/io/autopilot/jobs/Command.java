package io.autopilot.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a job or its health check runs.
 *
 * @param source the event source of its exits: the job's name or {@code check.<job>}
 * @param raw whether the process writes straight to the agent's stdout and stderr
 * @param timeout after this the process group is killed with SIGKILL
 */
record Command(String source, List<String> argv, boolean raw, Optional<Duration> timeout) {
    Command {
        argv = List.copyOf(argv);
    }
}
