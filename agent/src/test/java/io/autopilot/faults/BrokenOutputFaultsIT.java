package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.scenarios.PidOneAgent;
import io.autopilot.scenarios.PidOneScenarios;
import io.autopilot.scenarios.Scenario;
import io.autopilot.scenarios.Signal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where the agent's log cannot go: its stdout closed, its stdout a pipe whose reader has gone, its log file on a file
 * system that is full (a small tmpfs in the agent's own mount namespace, never the host's). The agent goes on: a job
 * that prints thousands of lines runs to its end, an interval job keeps its schedule, the control plane answers, and
 * SIGTERM ends it with 0, as every job exited 0. Once the file system has room again, the log resumes.
 */
@ExtendWith(PidOneScenarios.class)
class BrokenOutputFaultsIT {
    private static final int LINES = FaultRuns.rounds("faults.output.lines", 20_000);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONFIG = """
            {
              control: { socket: "%s" },
              logging: { output: "%s" },
              jobs: [
                {
                  name: "talker",
                  exec: ["sh", "-c", "i=0; while [ $i -lt %d ]; do echo \\"line $i of a job that talks a lot\\"; i=$((i + 1)); done; touch %s/talker.done"],
                },
                { name: "ticker", exec: ["sh", "-c", "echo tick; echo tick >> %4$s/ticks"], when: { interval: "200ms" } },
              ],
            }
            """;

    @Test
    void goesOnWithItsStdoutClosed(Scenario scenario) throws IOException {
        PidOneAgent agent = WrappedLauncher.start(scenario, "exec >&-", config(scenario, "stdout"));

        goesOn(scenario, agent, "closed-stdout");
    }

    @Test
    void goesOnWhenItsStdoutIsAPipeWhoseReaderHasGone(Scenario scenario) throws IOException {
        // The FIFO is opened for reading and writing (so opening it to write does not wait), then that end is closed.
        PidOneAgent agent = WrappedLauncher.start(scenario, """
                mkfifo "$WORK/stdout.fifo"
                exec 3<>"$WORK/stdout.fifo"
                exec 1>"$WORK/stdout.fifo"
                exec 3<&-""", config(scenario, "stdout"));

        goesOn(scenario, agent, "stdout-reader-gone");
    }

    @Test
    void goesOnWhenItsLogFileSystemIsFullAndLogsAgainOnceThereIsRoom(Scenario scenario) throws IOException {
        PidOneAgent agent = WrappedLauncher.start(scenario,
                "mkdir -p /run/logs && mount -t tmpfs -o size=128k logs /run/logs",
                config(scenario, "/run/logs/agent.log"));
        Path log = Path.of("/proc", Long.toString(agent.pid()), "root", "run", "logs", "agent.log");
        agent.await("the talker to finish", WAIT, () -> Files.exists(scenario.file("talker.done")));
        long full = Files.size(log);
        long loggedLines;
        try (var lines = Files.lines(log)) {
            loggedLines = lines.filter(line -> line.contains("of a job that talks a lot")).count();
        }

        Files.write(log, new byte[0]); // room again: the agent appends, so it writes on at the new end
        agent.await("a tick logged after the file system had room again", WAIT, () -> {
            try {
                return Files.readString(log).contains("tick");
            } catch (IOException e) {
                return false;
            }
        });

        FaultRuns.report("full-log-filesystem", "a 128 KiB tmpfs filled at %d bytes; the talker printed %d lines,"
                + " %d of them in the log before it was full; logging resumed once there was room", full, LINES,
                loggedLines);
        goesOn(scenario, agent, "full-log-filesystem");
    }

    /** The talker ran to its end, the ticker ticks, the control plane answers, SIGTERM ends the agent with 0. */
    private static void goesOn(Scenario scenario, PidOneAgent agent, String faultCase) {
        agent.await("the talker to print its " + LINES + " lines and finish", WAIT,
                () -> Files.exists(scenario.file("talker.done")));
        int ticks = scenario.lines("ticks").size();
        agent.await("the ticker to run on", WAIT, () -> scenario.lines("ticks").size() >= ticks + 3);
        boolean answers = WrappedLauncher.answersPing(agent);
        agent.signal(Signal.TERM);
        int code = agent.awaitExit(Duration.ofSeconds(20));

        FaultRuns.report(faultCase, "the talker printed %d lines to its end; ticks %d; control answered %s; exit"
                + " code on SIGTERM %d; the agent said on stderr: %s", LINES, scenario.lines("ticks").size(),
                answers, code, agent.stderr().lines().limit(3).toList());
        assertThat(answers).as("the control plane answers").isTrue();
        assertThat(code).as("every job exited 0: %s", agent.logTail()).isZero();
    }

    private static String config(Scenario scenario, String output) {
        return CONFIG.formatted(WrappedLauncher.SOCKET, output, LINES, scenario.file(""));
    }
}
