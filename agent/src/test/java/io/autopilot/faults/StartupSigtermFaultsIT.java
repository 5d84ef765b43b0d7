package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.scenarios.PidOneAgent;
import io.autopilot.scenarios.PidOneScenarios;
import io.autopilot.scenarios.ProcessTable;
import io.autopilot.scenarios.Scenario;
import io.autopilot.scenarios.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A SIGTERM at every moment of the agent's start-up, as PID 1 (docker stop right after docker run): sent at a sweep
 * of delays after PID 1 exists, each time noting which step the agent was at (the launcher script, the JVM
 * before the agent's own handlers, the agent before its job runs, the job running). At every step the agent exits
 * 143 by itself. A signal that comes while PID 1 has no handler at all (between an exec and the next program's first
 * handler) is dropped by the kernel (pid_namespaces(7)); that is counted, and the agent is then stopped as docker
 * would, by another SIGTERM. The steps themselves are gated deterministically in StartupSignalIT.
 */
@ExtendWith(PidOneScenarios.class)
class StartupSigtermFaultsIT {
    private static final int DELAYS = FaultRuns.rounds("faults.startup.delays", 5);
    private static final long LAST_DELAY_MILLIS = Long.getLong("faults.startup.lastDelayMillis", 3000);
    /** How long a caught SIGTERM may take to end the agent on a loaded machine before it counts as a hang. */
    private static final Duration EXIT = Duration.ofSeconds(20);
    private static final String CONFIG = """
            { jobs: [{ name: "app", exec: ["sleep", "600"] }] }
            """;

    @Test
    void aSigtermAtAnyMomentOfStartUpEndsTheAgentWith143(Scenario scenario) throws Exception {
        Path config = Files.writeString(scenario.file("agent.json5"), CONFIG);
        Map<String, Integer> steps = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int dropped = 0;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int i = 0; i < DELAYS; i++) {
                long delay = DELAYS == 1 ? 0 : LAST_DELAY_MILLIS * i / (DELAYS - 1);
                PidOneAgent agent = scenario.startAtOnce("-config", config.toString());
                String step = timer.schedule(() -> sigterm(agent), delay, TimeUnit.MILLISECONDS).get();
                steps.merge(step, 1, Integer::sum);
                if (step.startsWith("0 no handler")) {
                    if (waitForExit(agent, Duration.ofSeconds(5)) < 0) {
                        dropped++;
                        agent.signal(Signal.TERM); // waits for a handler, as a second docker stop would find one
                    }
                }
                int code = waitForExit(agent, EXIT);
                if (code != 143) {
                    wrong.add("at " + delay + " ms (" + step + "): " + (code < 0 ? "no exit" : "exit " + code)
                            + "\n" + agent.logTail());
                }
                agent.close();
            }
        } finally {
            timer.shutdownNow();
        }

        FaultRuns.report("startup-sigterm", "SIGTERMs %d, at delays 0 to %d ms after PID 1 appeared; by step"
                + " %s; dropped by the kernel (no handler yet) %d; wrong exit codes or hangs %d", DELAYS,
                LAST_DELAY_MILLIS, steps, dropped, wrong.size());
        assertThat(wrong).as("moments at which SIGTERM did not end the agent with 143").isEmpty();
    }

    /** Sends SIGTERM to PID 1 and returns the step it was at, as far as can be seen from outside. */
    private static String sigterm(PidOneAgent agent) {
        long pid = agent.pid();
        boolean launcher = !PidOneAgent.isJvm(pid);
        boolean catches = ProcessTable.catches(pid, Signal.TERM.number());
        // Only the agent's own handlers take WINCH: the JVM's default ones are for TERM, INT and HUP.
        boolean agentHandlers = ProcessTable.catches(pid, Signal.WINCH.number());
        boolean jobRuns = !ProcessTable.read().running(pid, "sleep 600").isEmpty();
        if (!ProcessTable.isAlive(pid)) {
            return "gone";
        }
        Signal.send(Signal.TERM, pid);
        // A program that exec'd the next one around the kill may have had no handler at the moment it came.
        if (!catches || ProcessTable.isAlive(pid) && !PidOneAgent.isJvm(pid) != launcher) {
            return "0 no handler yet (" + (launcher ? "shell or launcher" : "JVM") + " starting)";
        }
        return launcher ? "1 launcher" : !agentHandlers ? "2 JVM, before the agent's handlers"
                : !jobRuns ? "3 agent, before its job runs" : "4 job running";
    }

    /** The agent's exit code, or -1 if it is still running after {@code timeout}. */
    private static int waitForExit(PidOneAgent agent, Duration timeout) {
        try {
            return agent.awaitExit(timeout);
        } catch (AssertionError stillRunning) {
            return -1;
        }
    }
}
