package io.autopilot.jobs;

import static io.autopilot.testing.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import io.autopilot.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's start, stop, restart and signal (ContainerPilot's issue 571), as the control plane asks them. */
class OperatorRequestsTest {

    @Test
    void aStoppedJobIsHeldWithoutRestartsOrStopEventsUntilStartedAgain() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'app', exec: 'sleep 30', restarts: 'unlimited' }] }""")) {
            int first = fixture.awaitRunning("app");

            assertThat(await(fixture.job("app").requestStop())).isEqualTo(RequestOutcome.ACCEPTED);
            fixture.awaitSnapshot("app", s -> s.state() == JobState.HELD);
            assertThat(await(fixture.job("app").requestStop())).isEqualTo(RequestOutcome.UNCHANGED);
            assertThat(fixture.trace.from("app")).containsExactly(
                    new Event.ExitFailed("app", first, 143, "killed by SIGTERM", ExitCause.STOPPED));
            assertThat(fixture.job("app").snapshot().restarts()).isZero();

            assertThat(await(fixture.job("app").requestStart())).isEqualTo(RequestOutcome.ACCEPTED);
            int second = fixture.awaitSnapshot("app", s -> s.pid() > 0 && s.pid() != first).pid();
            assertThat(fixture.job("app").snapshot().state()).isEqualTo(JobState.RUNNING);
            assertThat(await(fixture.job("app").requestStart())).isEqualTo(RequestOutcome.UNCHANGED);
            assertThat(second).isNotEqualTo(first);
        }
    }

    @Test
    void aHeldJobIgnoresItsTrigger() throws Exception {
        try (var fixture = JobFixture.started("""
                { consul: 'localhost:8500', watches: [{ name: 'db', interval: 1 }],
                  jobs: [{ name: 'hook', exec: 'true', when: { source: 'watch.db', each: 'changed' } }] }""")) {
            assertThat(await(fixture.job("hook").requestStop())).isEqualTo(RequestOutcome.ACCEPTED);

            fixture.bus.publish(new Event.Changed("watch.db"));
            // Publishing has queued the change on the job's context already, ahead of the start request.
            assertThat(await(fixture.job("hook").requestStart())).isEqualTo(RequestOutcome.ACCEPTED);

            fixture.trace.awaitOne(e -> e instanceof Event.ExitSuccess x && x.source().equals("hook"));
            assertThat(fixture.trace.from("hook")).hasSize(1);
        }
    }

    @Test
    void aStartRunsAJobStillWaitingForItsTriggerAtOnce() throws Exception {
        try (var fixture = JobFixture.started("""
                { consul: 'localhost:8500', watches: [{ name: 'db', interval: 1 }], jobs: [{ name: 'later', exec: 'true', when: { source: 'watch.db', once: 'healthy' } }] }""")) {
            assertThat(fixture.job("later").snapshot().state()).isEqualTo(JobState.WAITING);

            assertThat(await(fixture.job("later").requestStart())).isEqualTo(RequestOutcome.ACCEPTED);

            assertThat(fixture.awaitEnd("later").state()).isEqualTo(JobState.COMPLETED);
        }
    }

    @Test
    void aRestartStopsTheProcessAndRunsTheJobAgainWithoutUsingARestart() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'app', exec: 'sleep 30', restarts: 'never' }] }""")) {
            int first = fixture.awaitRunning("app");

            assertThat(await(fixture.job("app").requestRestart())).isEqualTo(RequestOutcome.ACCEPTED);

            int second = fixture.awaitSnapshot("app", s -> s.pid() > 0 && s.pid() != first).pid();
            assertThat(fixture.trace.from("app")).containsExactly(
                    new Event.ExitFailed("app", first, 143, "killed by SIGTERM", ExitCause.STOPPED));
            assertThat(fixture.job("app").snapshot().restarts()).isZero();
            assertThat(second).isPositive();
        }
    }

    @Test
    void aSignalReachesTheRunningProcessAndNeedsOne(@TempDir Path dir) throws Exception {
        Path trapped = dir.resolve("trapped");
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'app', exec: ['sh', '-c', 'trap "exit 7" HUP; touch %s; while :; do sleep 0.05; done'] }] }"""
                .formatted(trapped))) {
            // Running is not enough: a HUP before the shell has set its trap kills it (129) instead.
            Eventually.until(() -> Files.exists(trapped), () -> "the job's shell to set its HUP trap");

            assertThat(await(fixture.job("app").requestSignal(1))).isEqualTo(RequestOutcome.ACCEPTED);

            assertThat(fixture.awaitEnd("app").lastExit()).hasValueSatisfying(s -> assertThat(s.containerExitCode())
                    .isEqualTo(7));
            assertThat(await(fixture.job("app").requestSignal(1))).isEqualTo(RequestOutcome.ENDED);
        }
    }

    @Test
    void aJobThatHasEndedTakesNoMoreRequests() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'once', exec: 'true' }] }""")) {
            fixture.awaitEnd("once");

            assertThat(await(fixture.job("once").requestStart())).isEqualTo(RequestOutcome.ENDED);
            assertThat(await(fixture.job("once").requestStop())).isEqualTo(RequestOutcome.ENDED);
            assertThat(await(fixture.job("once").requestRestart())).isEqualTo(RequestOutcome.ENDED);
        }
    }

    @Test
    void shutdownEndsAHeldJob() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'app', exec: 'sleep 30' }] }""")) {
            fixture.awaitRunning("app");
            await(fixture.job("app").requestStop());
            fixture.awaitSnapshot("app", s -> s.state() == JobState.HELD);

            fixture.bus.publish(new Event.Shutdown());

            assertThat(fixture.awaitEnd("app").state()).isEqualTo(JobState.STOPPED);
            assertThat(fixture.trace.from("app")).endsWith(new Event.Stopping("app"), new Event.Stopped("app"));
        }
    }
}
