package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.process.ExitStatus;
import org.junit.jupiter.api.Test;

/** A job without {@code when}: it runs once at startup, reports how its process ended, and ends. */
class StartupJobTest {

    @Test
    void aJobWithoutWhenRunsOnceAtStartupThenStopsItself() throws Exception {
        try (var fixture = JobFixture.started("{ jobs: [{ name: 'setup', exec: 'true' }] }")) {
            JobOutcome outcome = fixture.awaitEnd("setup");

            int pid = ((Event.ExitSuccess) fixture.trace.from("setup").getFirst()).pid();
            assertThat(pid).isPositive();
            assertThat(fixture.trace.from("setup")).containsExactly(
                    new Event.ExitSuccess("setup", pid), new Event.Stopping("setup"), new Event.Stopped("setup"));
            assertThat(outcome).isEqualTo(new JobOutcome("setup", JobState.COMPLETED,
                    java.util.Optional.of(ExitStatus.exited(0))));
        }
    }

    @Test
    void aNonZeroExitIsExitFailedWithItsCode() throws Exception {
        assertThat(failureOf("['sh', '-c', 'exit 3']")).isEqualTo(new Failure(3, "exit 3", true));
    }

    @Test
    void aProcessKilledBySigtermFailsWith143() throws Exception {
        assertThat(failureOf("['sh', '-c', 'kill -TERM $$']")).isEqualTo(new Failure(143, "killed by SIGTERM", true));
    }

    @Test
    void aMissingProgramFailsWith127AndNoPid() throws Exception {
        Failure failure = failureOf("'/nonexistent/program'");
        assertThat(failure.exitCode()).isEqualTo(127);
        assertThat(failure.reason()).contains("/nonexistent/program");
        assertThat(failure.hadPid()).isFalse();
    }

    @Test
    void aFailedOneShotJobGivesUpWithItsLastStatus() throws Exception {
        try (var fixture = JobFixture.started("{ jobs: [{ name: 'once', exec: ['sh', '-c', 'exit 3'] }] }")) {
            JobOutcome outcome = fixture.awaitEnd("once");

            assertThat(outcome.state()).isEqualTo(JobState.GAVE_UP);
            assertThat(outcome.lastExit()).contains(ExitStatus.exited(3));
            assertThat(fixture.job("once").snapshot().lastExitCode()).hasValue(3);
            assertThat(fixture.stopRequests).as("onGiveUp defaults to continue").isEmpty();
        }
    }

    private record Failure(int exitCode, String reason, boolean hadPid) {
    }

    private static Failure failureOf(String exec) throws Exception {
        try (var fixture = JobFixture.started("{ jobs: [{ name: 'app', exec: " + exec + " }] }")) {
            fixture.awaitEnd("app");
            var events = fixture.trace.from("app");
            assertThat(events).hasSize(4).element(0).isInstanceOf(Event.ExitFailed.class);
            var failed = (Event.ExitFailed) events.getFirst();
            assertThat(events.subList(1, 4)).containsExactly(new Event.Stopping("app"),
                    new Event.GaveUp("app", failed.exitCode()), new Event.Stopped("app"));
            return new Failure(failed.exitCode(), failed.reason(), failed.pid() > 0);
        }
    }
}
