package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.EventCode;
import io.autopilot.testing.Eventually;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The agent with real jobs and processes. */
class AgentProcessesTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void theMainJobsExitCodeBecomesTheAgentsAndTheOtherJobsAreStopped() {
        AgentRun run = AgentRun.of(LONG, Jobs.main("app", "exit 3"), Jobs.sh("sidecar", "exec sleep 60")).start();

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.events).containsSubsequence(new Event.Startup(), new Event.Shutdown(),
                new Event.Stopping("sidecar"), new Event.Stopped("sidecar"));
        assertThat(run.log.messages).contains("job sidecar exited: killed by signal 15");
    }

    @Test
    void aMainJobKilledByASignalGives128PlusTheSignal() {
        AgentRun run = AgentRun.of(LONG, Jobs.main("app", "kill -TERM $$")).start();

        assertThat(run.exitCode()).isEqualTo(143);
    }

    @Test
    void aMainProgramThatDoesNotExistGives127() {
        AgentRun run = AgentRun.of(LONG, MainCommand.job(List.of("/nonexistent/app"), java.util.Set.of())).start();

        assertThat(run.exitCode()).isEqualTo(127);
        assertThat(run.log.messages).contains("job app exited: exit 127");
        assertThat(run.events).anyMatch(e -> e instanceof Event.ExitFailed failed && failed.exitCode() == 127);
    }

    @Test
    void onTermPreStopRunsBeforeTheStopSignalAndPostStopAfterTheJobStopped() {
        AgentRun run = AgentRun.of(LONG,
                Jobs.sh("app", "trap 'echo got TERM; exit 0' TERM; echo ready; while :; do sleep 0.05; done"),
                Jobs.on("app", EventCode.STOPPING, "prestop", "echo pre"),
                Jobs.on("app", EventCode.STOPPED, "poststop", "echo post")).start();
        Eventually.until(() -> run.log.messages.contains("app: ready"), () -> "app ready: " + run.log.messages);

        run.agent.signal("TERM");

        assertThat(run.exitCode()).isZero();
        assertThat(run.log.messages).containsSubsequence("shutting down: received SIGTERM", "prestop: pre",
                "app: got TERM", "poststop: post", "stopped: exit 0");
        assertThat(run.events).containsSubsequence(new Event.Shutdown(), new Event.Stopping("app"),
                new Event.Stopped("prestop"), new Event.Stopped("app"), new Event.Stopped("poststop"));
    }

    @Test
    void shutdownEndsAsSoonAsEveryJobHasStoppedNotAfterTheStopTimeout() {
        AgentRun run = AgentRun.of(LONG, Jobs.sh("app", "echo ready; exec sleep 60")).start();
        Eventually.until(() -> run.log.messages.contains("app: ready"), () -> "app ready");
        long before = System.nanoTime();

        run.agent.signal("TERM");

        assertThat(run.exitCode()).isEqualTo(143);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aJobThatIgnoresItsStopSignalIsKilledWhenTheStopTimeoutPasses() {
        AgentRun run = AgentRun.of(Duration.ofMillis(200),
                Jobs.sh("stubborn", "trap '' TERM; echo ready; while :; do sleep 0.05; done")).start();
        Eventually.until(() -> run.log.messages.contains("stubborn: ready"), () -> "ready");

        run.agent.signal("TERM");

        assertThat(run.exitCode()).isEqualTo(137);
        assertThat(run.log.messages).contains("stopTimeout 200ms passed: killing stubborn",
                "job stubborn exited: killed by signal 9");
    }
}
