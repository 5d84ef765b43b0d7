package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.scenarios.PidOneAgent;
import io.autopilot.scenarios.PidOneScenarios;
import io.autopilot.scenarios.ProcessTable;
import io.autopilot.scenarios.Scenario;
import io.autopilot.scenarios.Signal;
import io.autopilot.testing.docker.HostCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Signals to PID 1 as fast as a shell can send them: HUP and USR2 (each starts a job), USR1 (reopens the log), WINCH
 * and CHLD (nothing to do, as no main command runs and no child exited). The agent takes every one without crashing,
 * leaves no zombie, keeps its memory, answers its control plane, and a SIGTERM after the storm ends it with 143.
 */
@ExtendWith(PidOneScenarios.class)
class SignalStormFaultsIT {
    private static final int ROUNDS = FaultRuns.rounds("faults.signals.rounds", 2000);
    private static final List<String> SIGNALS = List.of("HUP", "USR1", "USR2", "WINCH", "CHLD");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long LEAK_KIB = 48 * 1024;
    private static final String CONFIG = """
            {
              control: { socket: "%s" },
              jobs: [
                { name: "app", exec: ["sleep", "600"] },
                { name: "on-hup", exec: ["sh", "-c", "echo hup >> %2$s/hups"], when: { source: "SIGHUP" } },
                { name: "on-usr2", exec: ["sh", "-c", "echo usr2 >> %2$s/usr2s"], when: { source: "SIGUSR2" } },
              ],
            }
            """;

    @Test
    void takesAStormOfSignalsAndStopsCleanlyAfterIt(Scenario scenario) throws Exception {
        PidOneAgent agent = WrappedLauncher.start(scenario, "",
                CONFIG.formatted(WrappedLauncher.SOCKET, scenario.file("")));
        long pid = agent.pid();
        agent.await("the agent's own handlers (WINCH)", WAIT, () -> ProcessTable.catches(pid, Signal.WINCH.number()));
        agent.await("the control plane", WAIT, () -> WrappedLauncher.answersPing(agent));
        long before = Figures.residentKib(pid);
        StringBuilder storm = new StringBuilder("i=0; while [ $i -lt " + ROUNDS + " ]; do ");
        SIGNALS.forEach(signal -> storm.append("kill -").append(signal).append(' ').append(pid).append(" || exit 1; "));
        storm.append("i=$((i + 1)); done");
        long started = System.nanoTime();

        HostCommand.Result sent = HostCommand.in(Path.of("/")).run(Duration.ofSeconds(30), "sh", "-c", storm.toString());
        Duration sending = Duration.ofNanos(System.nanoTime() - started);
        agent.await("no zombie child left", WAIT, () -> ProcessTable.read().zombieChildrenOf(pid).isEmpty()
                && ProcessTable.read().running(pid, "echo hup").isEmpty()
                && ProcessTable.read().running(pid, "echo usr2").isEmpty());
        boolean answers = WrappedLauncher.answersPing(agent);
        long after = Figures.residentKib(pid);
        agent.signal(Signal.TERM);
        int code = agent.awaitExit(Duration.ofSeconds(20));

        int signals = ROUNDS * SIGNALS.size();
        FaultRuns.report("signal-storm", "signals %d (%s) in %d ms; HUP job runs %d, USR2 job runs %d (a trigger"
                + " while the job runs is skipped); control answered %s; resident memory before %s, after %s; exit"
                + " code on SIGTERM %d", signals, String.join(" ", SIGNALS), sending.toMillis(),
                scenario.lines("hups").size(), scenario.lines("usr2s").size(), answers, Figures.mib(before),
                Figures.mib(after), code);
        assertThat(sent.code()).as("every signal sent, the agent alive for each: %s", sent).isZero();
        assertThat(scenario.lines("hups")).as("HUP job runs").isNotEmpty();
        assertThat(scenario.lines("usr2s")).as("USR2 job runs").isNotEmpty();
        assertThat(answers).as("the control plane after the storm").isTrue();
        assertThat(after - before).as("resident memory growth, KiB").isLessThan(LEAK_KIB);
        assertThat(code).as(agent::logTail).isEqualTo(143);
    }
}
