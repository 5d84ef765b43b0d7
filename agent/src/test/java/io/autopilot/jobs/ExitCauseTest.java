package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import io.autopilot.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why a job's process ended, as its exit event, its snapshot and a triggered run's environment say it. */
class ExitCauseTest {

    @Test
    void aProcessThatExitsByItselfIsExit() throws Exception {
        assertThat(causeOf("['sh', '-c', 'exit 3']")).isEqualTo(ExitCause.EXIT);
    }

    @Test
    void aSignalFromOutsideTheAgentIsSignalAndTheReasonNamesIt() throws Exception {
        try (var fixture = JobFixture.started("{ jobs: [{ name: 'app', exec: ['sh', '-c', 'kill -SEGV $$'] }] }")) {
            fixture.awaitEnd("app");
            assertThat(fixture.trace.from("app").getFirst()).isInstanceOfSatisfying(Event.ExitFailed.class, failed -> {
                assertThat(failed.cause()).isEqualTo(ExitCause.SIGNAL);
                assertThat(failed.reason()).isEqualTo("killed by SIGSEGV");
            });
            assertThat(fixture.job("app").snapshot().lastCause()).contains(ExitCause.SIGNAL);
        }
    }

    @Test
    void theAgentsStopIsStoppedEvenWhenTheProcessExitsZeroOnIt(@TempDir Path dir) throws Exception {
        Path ready = dir.resolve("ready");
        try (var fixture = JobFixture.started("{ jobs: [{ name: 'app', exec: ['sh', '-c', 'trap \"exit 0\" TERM;"
                + " touch " + ready + "; while :; do sleep 0.05; done'] }] }")) {
            int pid = fixture.awaitRunning("app");
            Eventually.until(() -> Files.exists(ready), () -> "the job to have set its trap");
            fixture.bus.publish(new Event.Shutdown());
            fixture.awaitEnd("app");

            assertThat(fixture.trace.from("app")).contains(new Event.ExitSuccess("app", pid, ExitCause.STOPPED));
            assertThat(fixture.job("app").snapshot().lastCause()).contains(ExitCause.STOPPED);
        }
    }

    @Test
    void anOperatorsStopIsStopped() throws Exception {
        try (var fixture = JobFixture.started("{ jobs: [{ name: 'app', exec: 'sleep 30' }] }")) {
            int pid = fixture.awaitRunning("app");
            fixture.job("app").requestStop();
            fixture.trace.awaitOne(e -> e instanceof Event.ExitFailed f && f.pid() == pid);

            assertThat(fixture.trace.from("app")).contains(
                    new Event.ExitFailed("app", pid, 143, "killed by SIGTERM", ExitCause.STOPPED));
        }
    }

    @Test
    void aRunKilledAtItsTimeoutIsTimeout() throws Exception {
        assertThat(causeOf("'sleep 30', timeout: '50ms'")).isEqualTo(ExitCause.TIMEOUT);
    }

    @Test
    void aRunStartedByAnExitSeesHowAndWhyItEnded() {
        var failed = new Event.ExitFailed("app", 12, 137, "killed by SIGKILL: out of memory", ExitCause.OOM);
        assertThat(SpawnEnvironment.ofTrigger(failed)).isEqualTo(Map.of("CONTAINERPILOT_EXIT_SOURCE", "app",
                "CONTAINERPILOT_EXIT_CODE", "137", "CONTAINERPILOT_EXIT_REASON", "killed by SIGKILL: out of memory",
                "CONTAINERPILOT_EXIT_CAUSE", "oom"));
    }

    private static ExitCause causeOf(String exec) throws Exception {
        try (var fixture = JobFixture.started("{ jobs: [{ name: 'app', exec: " + exec + " }] }")) {
            fixture.awaitEnd("app");
            Optional<ExitCause> fromSnapshot = fixture.job("app").snapshot().lastCause();
            Event first = fixture.trace.from("app").getFirst();
            ExitCause fromEvent = first instanceof Event.ExitFailed failed ? failed.cause()
                    : ((Event.ExitSuccess) first).cause();
            assertThat(fromSnapshot).contains(fromEvent);
            return fromEvent;
        }
    }
}
