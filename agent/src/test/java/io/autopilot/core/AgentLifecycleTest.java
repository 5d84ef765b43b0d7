package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.testing.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentLifecycleTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void startupIsPublishedOnlyAfterEveryJobHasSubscribed() {
        FakeJob quick = FakeJob.ready("quick", false);
        FakeJob slow = new FakeJob("slow", false);
        AgentRun run = AgentRun.faking(LONG, quick, slow).start();
        Eventually.until(() -> quick.startRequested && slow.startRequested, () -> "both jobs asked to start");
        assertThat(run.events).isEmpty();

        slow.started.complete();
        Eventually.until(() -> !run.events.isEmpty(), () -> "startup");
        assertThat(run.events).containsExactly(new Event.Startup());
        quick.end(0);
        slow.end(0);
        run.exitCode();
    }

    @Test
    void exitsAsSoonAsEveryJobHasCompletedWithTheCodeOfTheLastOne() {
        FakeJob first = FakeJob.ready("first", false);
        FakeJob second = FakeJob.ready("second", false);
        AgentRun run = AgentRun.faking(LONG, first, second).start().awaitStartup();

        first.end(4);
        second.end(2);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.events).containsExactly(new Event.Startup());
        assertThat(run.log.messages).contains("job first exited: exit 4", "job second exited: exit 2",
                "every job completed", "stopped: exit 2");
    }

    @Test
    void anAgentWithoutJobsRunsUntilItIsStopped() {
        AgentRun run = AgentRun.faking(LONG).start().awaitStartup();

        Eventually.holdsFor(Duration.ofMillis(500), () -> !run.finished(), () -> "still running; log: "
                + run.log.messages);
        run.agent.signal("TERM");

        assertThat(run.exitCode()).as("no job ever ran: the code of the TERM itself").isEqualTo(143);
        assertThat(run.log.messages).containsSubsequence("started with no jobs: running until stopped (a reload may"
                + " add some)", "shutting down: received SIGTERM", "stopped: exit 143");
    }

    @Test
    void aTermBeforeTheAgentRunsStopsItBeforeAnyJobStarts() {
        FakeJob app = FakeJob.ready("app", true);
        AgentRun run = AgentRun.faking(LONG, app);

        run.agent.signal("TERM");
        run.start();

        assertThat(run.exitCode()).isEqualTo(143);
        assertThat(app.startRequested).as("nothing is started once a stop is asked for").isFalse();
        assertThat(run.events).isEmpty();
    }

    @Test
    void theMainJobsEndShutsDownTheOthersAndDecidesTheExitCode() {
        FakeJob app = FakeJob.ready("app", true);
        FakeJob sidecar = FakeJob.ready("sidecar", false);
        AgentRun run = AgentRun.faking(LONG, app, sidecar).start().awaitStartup();

        app.end(3);
        Eventually.until(() -> run.events.contains(new Event.Shutdown()), () -> "shutdown");
        sidecar.end(0);

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.events).containsExactly(new Event.Startup(), new Event.Shutdown());
        assertThat(run.log.messages).contains("shutting down: main job app exited");
    }

    @Test
    void aSecondTermDuringShutdownIsLoggedAndChangesNothing() {
        FakeJob app = FakeJob.ready("app", false);
        AgentRun run = AgentRun.faking(LONG, app).start().awaitStartup();

        run.agent.signal("TERM");
        run.agent.signal("TERM");
        Eventually.until(() -> run.log.messages.contains("received SIGTERM while shutting down: already stopping"),
                () -> "second TERM logged: " + run.log.messages);
        app.end(143);

        assertThat(run.exitCode()).isEqualTo(143);
        assertThat(run.events).containsExactly(new Event.Startup(), new Event.Shutdown());
        assertThat(app.killed).isFalse();
    }

    @Test
    void whenTheStopTimeoutPassesWhatIsLeftIsKilledAndTheAgentExits() {
        FakeJob stubborn = FakeJob.ready("stubborn", true);
        AgentRun run = AgentRun.faking(Duration.ofMillis(50), stubborn).start().awaitStartup();

        run.agent.signal("INT");

        // Never completes: the agent still exits, after the kill grace, with what it knows: no exit code of a job,
        // so the code of the INT.
        assertThat(run.exitCode()).isEqualTo(130);
        assertThat(stubborn.killed).isTrue();
        assertThat(run.log.messages).contains("stopTimeout 50ms passed: killing stubborn");
    }

    @Test
    void aJobThatGivesUpCanStopTheAgent() {
        FakeJob app = FakeJob.ready("app", false);
        AgentRun run = AgentRun.faking(LONG, app).start().awaitStartup();

        app.services.stopAgent().accept(7);
        Eventually.until(() -> run.events.contains(new Event.Shutdown()), () -> "shutdown");
        app.end(143);

        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.log.messages).contains("shutting down: a job gave up and asked the agent to stop (exit 7)");
    }
}
