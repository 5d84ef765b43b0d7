package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import io.autopilot.process.ExitStatus;
import org.junit.jupiter.api.Test;

/** {@code restarts}, {@code backoff} and giving up. */
class RestartTest {

    @Test
    void aFailingJobRestartsWithBackoffThenGivesUpAndAsksTheAgentToStop() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'flaky', exec: ['sh', '-c', 'exit 3'], restarts: 2,
                           backoff: { initial: '10ms', max: '40ms' }, onGiveUp: 'stop' }] }""")) {
            JobOutcome outcome = fixture.awaitEnd("flaky");

            assertThat(fixture.trace.from("flaky")).hasSize(6)
                    .endsWith(new Event.Stopping("flaky"), new Event.GaveUp("flaky", 3), new Event.Stopped("flaky"))
                    .filteredOn(Event.ExitFailed.class::isInstance).hasSize(3)
                    .allMatch(e -> ((Event.ExitFailed) e).exitCode() == 3);
            assertThat(outcome.state()).isEqualTo(JobState.GAVE_UP);
            assertThat(outcome.lastExit()).contains(ExitStatus.exited(3));
            assertThat(fixture.job("flaky").snapshot().restarts()).isEqualTo(2);
            assertThat(fixture.stopRequests).containsExactly(3);
        }
    }

    @Test
    void aSuccessfulRunIsRestartedTooAsInContainerPilot() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'twice', exec: 'true', restarts: 1, backoff: { initial: '1ms' } }] }""")) {
            JobOutcome outcome = fixture.awaitEnd("twice");

            assertThat(outcome.state()).isEqualTo(JobState.COMPLETED);
            assertThat(fixture.trace.from("twice")).filteredOn(Event.ExitSuccess.class::isInstance).hasSize(2);
        }
    }

    @Test
    void aKilledCoprocessWithOneRestartRunsAgainWithTheDefaultBackoffThenStaysDown() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'coprocess', exec: 'sleep 30', restarts: 1 }] }""")) {
            int first = fixture.awaitRunning("coprocess");
            fixture.job("coprocess").signal(9);
            int second = fixture.awaitSnapshot("coprocess", s -> s.pid() > 0 && s.pid() != first).pid();
            fixture.job("coprocess").signal(9);
            JobOutcome outcome = fixture.awaitEnd("coprocess");

            assertThat(fixture.trace.from("coprocess")).containsExactly(
                    new Event.ExitFailed("coprocess", first, 137, "killed by SIGKILL", ExitCause.SIGNAL),
                    new Event.ExitFailed("coprocess", second, 137, "killed by SIGKILL", ExitCause.SIGNAL),
                    new Event.Stopping("coprocess"), new Event.GaveUp("coprocess", 137), new Event.Stopped("coprocess"));
            assertThat(outcome.state()).isEqualTo(JobState.GAVE_UP);
        }
    }

    @Test
    void aJobWaitingForItsRestartIsStoppedByShutdownWithoutRunningAgain() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'waiting', exec: ['sh', '-c', 'exit 1'], restarts: 'unlimited',
                           backoff: { initial: '1m' } }] }""")) {
            fixture.awaitSnapshot("waiting", s -> s.state() == JobState.BACKING_OFF);
            fixture.bus.publish(new Event.Shutdown());
            JobOutcome outcome = fixture.awaitEnd("waiting");

            assertThat(outcome.state()).isEqualTo(JobState.STOPPED);
            assertThat(fixture.trace.from("waiting")).hasSize(3)
                    .endsWith(new Event.Stopping("waiting"), new Event.Stopped("waiting"));
        }
    }
}
