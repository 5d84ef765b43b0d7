package io.autopilot.jobs;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import io.autopilot.process.ExitStatus;
import java.time.Duration;

/**
 * How one run ended.
 *
 * @param pid 0 when the process could not be started
 * @param reason {@code exit 3}, {@code killed by SIGTERM}, {@code timed out after 5s}, or why the spawn failed
 * @param cause why, as far as the agent can tell
 * @param output the last lines the process printed, when they were captured (health checks); else empty
 * @param uptime from spawn to exit
 */
record RunResult(int pid, ExitStatus status, String reason, ExitCause cause, String output, Duration uptime) {
    boolean success() {
        return status.isSuccess();
    }

    int exitCode() {
        return status.containerExitCode();
    }

    /** The event this run publishes from {@code source}. */
    Event event(String source) {
        return success() ? new Event.ExitSuccess(source, pid, cause)
                : new Event.ExitFailed(source, pid, exitCode(), reason, cause);
    }
}
