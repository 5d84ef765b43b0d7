package io.autopilot.jobs;

import io.autopilot.events.ExitCause;
import io.autopilot.health.HealthStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a job looks like right now, for readers on other threads ({@code /status}, metrics). Immutable; the job
 * publishes a new one on every change.
 *
 * @param pid the running process's pid; 0 when none runs
 * @param restarts restarts used so far (interval ticks count, as in ContainerPilot)
 * @param lastExitCode of the last run, as a container reports it (128+signal, 127/126 when it could not start)
 * @param lastReason {@code exit 3}, {@code killed by SIGTERM}, {@code timed out after 5s}, …
 * @param skippedTriggers triggers and ticks that came while the job was still running, and were skipped
 * @param lastCheck how long the last reported health check took; empty before the first, or without a check
 * @param lastCause why the last run ended, as far as the agent can tell ({@code oom}, {@code stopped}, …)
 * @param rolling where a {@code rolling} restart is: {@code waiting} for a slot, {@code restarting} until healthy
 */
public record JobSnapshot(String name, JobState state, int pid, int restarts, OptionalInt lastExitCode,
                          Optional<String> lastReason, HealthStatus health, long skippedTriggers,
                          Optional<Duration> lastCheck, Optional<ExitCause> lastCause, Optional<String> rolling) {

    /** Without a rolling restart under way. */
    public JobSnapshot(String name, JobState state, int pid, int restarts, OptionalInt lastExitCode,
                       Optional<String> lastReason, HealthStatus health, long skippedTriggers,
                       Optional<Duration> lastCheck, Optional<ExitCause> lastCause) {
        this(name, state, pid, restarts, lastExitCode, lastReason, health, skippedTriggers, lastCheck, lastCause,
                Optional.empty());
    }

    /** Without the cause of the last exit. */
    public JobSnapshot(String name, JobState state, int pid, int restarts, OptionalInt lastExitCode,
                       Optional<String> lastReason, HealthStatus health, long skippedTriggers,
                       Optional<Duration> lastCheck) {
        this(name, state, pid, restarts, lastExitCode, lastReason, health, skippedTriggers, lastCheck,
                Optional.empty());
    }

    /** A job whose health check has not reported yet. */
    public JobSnapshot(String name, JobState state, int pid, int restarts, OptionalInt lastExitCode,
                       Optional<String> lastReason, HealthStatus health, long skippedTriggers) {
        this(name, state, pid, restarts, lastExitCode, lastReason, health, skippedTriggers, Optional.empty());
    }
}
