package io.autopilot.jobs;

import io.autopilot.events.ExitCause;
import io.autopilot.health.HealthStatus;
import io.autopilot.process.ExitStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The live state behind a job's {@link JobSnapshot}: changed only on the job's context, each change published as a
 * new immutable snapshot that any thread may read.
 */
final class JobStatus {
    private final String name;
    private JobState state = JobState.WAITING;
    private int pid;
    private int restarts;
    private OptionalInt lastExitCode = OptionalInt.empty();
    private Optional<String> lastReason = Optional.empty();
    private Optional<ExitCause> lastCause = Optional.empty();
    private HealthStatus health = HealthStatus.UNKNOWN;
    private long skippedTriggers;
    private Optional<Duration> lastCheck = Optional.empty();
    private Optional<ExitStatus> lastExit = Optional.empty();
    private Optional<String> rolling = Optional.empty();
    private volatile JobSnapshot snapshot;

    JobStatus(String name) {
        this.name = name;
        publish();
    }

    JobSnapshot snapshot() {
        return snapshot;
    }

    boolean isFinal() {
        return snapshot.state().isFinal();
    }

    void running(int pid) {
        this.pid = pid;
        state(JobState.RUNNING);
    }

    void exited(RunResult result) {
        lastExit = Optional.of(result.status());
        lastExitCode = OptionalInt.of(result.exitCode());
        lastReason = Optional.of(result.reason());
        lastCause = Optional.of(result.cause());
        pid = 0;
        state(JobState.WAITING);
    }

    void restarted(int restarts) {
        this.restarts = restarts;
        publish();
    }

    void backingOff(int restarts) {
        this.restarts = restarts;
        state(JobState.BACKING_OFF);
    }

    void waiting() {
        state(JobState.WAITING);
    }

    void held() {
        state(JobState.HELD);
    }

    void stopping() {
        state(JobState.STOPPING);
    }

    void skipped() {
        skippedTriggers++;
        publish();
    }

    void health(HealthStatus health, Optional<Duration> lastCheck) {
        this.health = health;
        this.lastCheck = lastCheck;
        publish();
    }

    /** Where a rolling restart is ({@code waiting}, {@code restarting}); empty when none is under way. */
    void rolling(Optional<String> phase) {
        this.rolling = phase;
        publish();
    }

    JobOutcome end(JobState finalState) {
        state(finalState);
        return new JobOutcome(name, finalState, lastExit);
    }

    private void state(JobState state) {
        this.state = state;
        publish();
    }

    private void publish() {
        snapshot = new JobSnapshot(name, state, pid, restarts, lastExitCode, lastReason, health, skippedTriggers,
                lastCheck, lastCause, rolling);
    }
}
