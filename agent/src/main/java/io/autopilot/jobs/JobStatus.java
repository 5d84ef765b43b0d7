package io.autopilot.jobs;

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
    private volatile JobSnapshot snapshot;
    private Optional<ExitStatus> lastExit = Optional.empty();

    JobStatus(String name) {
        snapshot = JobSnapshot.initial(name);
    }

    JobSnapshot snapshot() {
        return snapshot;
    }

    boolean isFinal() {
        return snapshot.state().isFinal();
    }

    void running(int pid) {
        var s = snapshot;
        snapshot = new JobSnapshot(s.name(), JobState.RUNNING, pid, s.restarts(), s.lastExitCode(), s.lastReason(),
                s.health(), s.skippedTriggers(), s.lastCheck());
    }

    void exited(RunResult result) {
        lastExit = Optional.of(result.status());
        var s = snapshot;
        snapshot = new JobSnapshot(s.name(), JobState.WAITING, 0, s.restarts(), OptionalInt.of(result.exitCode()),
                Optional.of(result.reason()), s.health(), s.skippedTriggers(), s.lastCheck());
    }

    void restarted(int restarts) {
        var s = snapshot;
        snapshot = new JobSnapshot(s.name(), s.state(), s.pid(), restarts, s.lastExitCode(), s.lastReason(),
                s.health(), s.skippedTriggers(), s.lastCheck());
    }

    void backingOff(int restarts) {
        restarted(restarts);
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
        var s = snapshot;
        snapshot = new JobSnapshot(s.name(), s.state(), s.pid(), s.restarts(), s.lastExitCode(), s.lastReason(),
                s.health(), s.skippedTriggers() + 1, s.lastCheck());
    }

    void health(HealthStatus health, Optional<Duration> lastCheck) {
        var s = snapshot;
        snapshot = new JobSnapshot(s.name(), s.state(), s.pid(), s.restarts(), s.lastExitCode(), s.lastReason(),
                health, s.skippedTriggers(), lastCheck);
    }

    JobOutcome end(JobState finalState) {
        state(finalState);
        return new JobOutcome(snapshot.name(), finalState, lastExit);
    }

    private void state(JobState state) {
        var s = snapshot;
        snapshot = new JobSnapshot(s.name(), state, s.pid(), s.restarts(), s.lastExitCode(), s.lastReason(),
                s.health(), s.skippedTriggers(), s.lastCheck());
    }
}
