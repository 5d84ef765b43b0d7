package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.process.Signals;
import io.autopilot.testing.Eventually;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AgentSignalsTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void forwardedSignalsReachOnlyTheMainJob() {
        FakeJob app = FakeJob.ready("app", true);
        FakeJob sidecar = FakeJob.ready("sidecar", false);
        AgentRun run = AgentRun.faking(LONG, app, sidecar).start().awaitStartup();

        run.agent.signal("WINCH");
        run.agent.signal("TSTP");

        Eventually.until(() -> app.signals.size() == 2, () -> "signals forwarded: " + app.signals);
        assertThat(app.signals).containsExactly(Signals.number("WINCH"), Signals.number("TSTP"));
        assertThat(sidecar.signals).isEmpty();
        stop(run, app, sidecar);
    }

    @Test
    void withoutAMainJobForwardedSignalsReachEveryRunningJob() {
        FakeJob one = FakeJob.ready("one", false);
        FakeJob two = FakeJob.ready("two", false);
        AgentRun run = AgentRun.faking(LONG, one, two).start().awaitStartup();

        run.agent.signal("PWR");

        Eventually.until(() -> one.signals.size() == 1 && two.signals.size() == 1, () -> "forwarded to both");
        assertThat(one.signals).containsExactly(Signals.number("PWR"));
        stop(run, one, two);
    }

    @Test
    void hupAndUsr2BecomeEventsJobsCanStartOn() {
        FakeJob app = FakeJob.ready("app", false);
        AgentRun run = AgentRun.faking(LONG, app).start().awaitStartup();

        run.agent.signal("HUP");
        run.agent.signal("USR2");

        Eventually.until(() -> run.events.size() == 3, () -> "events: " + run.events);
        assertThat(run.events).containsExactly(new Event.Startup(), new Event.SignalReceived("SIGHUP"),
                new Event.SignalReceived("SIGUSR2"));
        assertThat(app.signals).isEmpty();
        stop(run, app);
    }

    @Test
    void usr1ReopensTheLog() {
        FakeJob app = FakeJob.ready("app", false);
        AgentRun run = AgentRun.faking(LONG, app).start().awaitStartup();

        run.agent.signal("USR1");

        Eventually.until(() -> run.log.messages.contains("reopen"), () -> "log reopened");
        assertThat(app.signals).isEmpty();
        stop(run, app);
    }

    private static void stop(AgentRun run, FakeJob... jobs) {
        for (FakeJob job : jobs) {
            job.end(0);
        }
        run.exitCode();
    }
}
