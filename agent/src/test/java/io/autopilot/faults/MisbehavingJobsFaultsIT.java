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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jobs and checks that misbehave, as PID 1 sees them: jobs flooding their output as fast as they can write, a check
 * that hangs at every run, a job that ignores SIGTERM. The agent drains the floods within its memory, kills each hung
 * check at its timeout (they never pile up) while another check keeps its schedule, and kills the SIGTERM-ignoring job
 * once its stop timeout has run out, every time.
 */
@ExtendWith(PidOneScenarios.class)
class MisbehavingJobsFaultsIT {
    private static final int FLOOD_MIB = FaultRuns.rounds("faults.flood.mib", 16);
    private static final int STOP_ROUNDS = FaultRuns.rounds("faults.stop.rounds", 2);
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** The growth of resident memory that counts as a leak: the heap may grow from 8 to 32 MiB, and no further. */
    private static final long LEAK_KIB = 48 * 1024;
    private static final String FLOODS = """
            {
              logging: { output: "/dev/null" },
              jobs: [
                { name: "flood-1", exec: ["sh", "-c", "yes 'a line of output, again and again' | head -c %1$dM; touch %2$s/flood-1.done"] },
                { name: "flood-2", exec: ["sh", "-c", "head -c %1$dM /dev/zero | tr '\\\\0' x; touch %2$s/flood-2.done"] },
                {
                  name: "hung",
                  exec: ["tail", "-f", "/dev/null"],
                  health: { exec: ["sh", "-c", "echo run >> %2$s/hung.runs; exec sleep 1000"], interval: 1, timeout: "500ms" },
                },
                {
                  name: "healthy",
                  exec: ["tail", "-f", "/dev/null"],
                  health: { exec: ["sh", "-c", "echo run >> %2$s/healthy.runs"], interval: "200ms" },
                },
              ],
            }
            """;
    private static final String IGNORES_SIGTERM = """
            {
              stopTimeout: "1s",
              jobs: [{
                name: "app",
                exec: ["sh", "-c", "trap 'echo ignored >> %1$s/events' TERM; echo ready >> %1$s/events; while :; do sleep 0.1; done"],
              }],
            }
            """;

    @Test
    void drainsFloodingJobsAndKillsEveryHungCheckWhileAnotherCheckKeepsRunning(Scenario scenario) throws Exception {
        Path config = Files.writeString(scenario.file("agent.json5"), FLOODS.formatted(FLOOD_MIB,
                scenario.file("")));
        PidOneAgent agent = scenario.start("-config", config.toString());
        agent.await("the first run of each check", WAIT, () -> !scenario.lines("healthy.runs").isEmpty()
                && !scenario.lines("hung.runs").isEmpty());
        long before = Figures.residentKib(agent.pid());
        int healthyBefore = scenario.lines("healthy.runs").size();
        long started = System.nanoTime();
        AtomicInteger mostHung = new AtomicInteger();

        agent.await("both floods drained", WAIT, () -> {
            mostHung.accumulateAndGet(ProcessTable.read().running(agent.pid(), "sleep 1000").size(), Math::max);
            return Files.exists(scenario.file("flood-1.done")) && Files.exists(scenario.file("flood-2.done"));
        });
        Duration draining = Duration.ofNanos(System.nanoTime() - started);
        int healthyDuring = scenario.lines("healthy.runs").size() - healthyBefore;
        agent.await("the healthy check to run again after the floods", WAIT,
                () -> scenario.lines("healthy.runs").size() > healthyBefore + healthyDuring);
        long after = Figures.residentKib(agent.pid());

        FaultRuns.report("flooding-jobs", "2 jobs printed %d MiB each (lines of 35 bytes, and one line of %d MiB),"
                + " drained in %d s (%.0f MiB/s); the healthy check ran %d times meanwhile; resident memory before %s,"
                + " after %s", FLOOD_MIB, FLOOD_MIB, draining.toSeconds(), 2.0 * FLOOD_MIB / Math.max(0.001,
                draining.toMillis() / 1000.0), healthyDuring, Figures.mib(before), Figures.mib(after));
        FaultRuns.report("hung-checks", "hung check runs %d, each killed at its 500 ms timeout: at most %d hung at"
                + " once", scenario.lines("hung.runs").size(), mostHung.get());
        assertThat(mostHung.get()).as("hung checks alive at once: each is killed before the next")
                .isLessThanOrEqualTo(1);
        assertThat(after - before).as("resident memory growth, KiB").isLessThan(LEAK_KIB);
        assertThat(agent.isRunning()).isTrue();
        agent.signal(Signal.TERM);
        assertThat(agent.awaitExit(Duration.ofSeconds(20))).as(agent::logTail).isEqualTo(143);
    }

    @Test
    void killsAJobThatIgnoresSigtermOnceItsStopTimeoutRunsOutEveryTime(Scenario scenario) throws Exception {
        Path config = Files.writeString(scenario.file("agent.json5"), IGNORES_SIGTERM.formatted(scenario.file("")));
        List<Long> stops = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int round = 0; round < STOP_ROUNDS; round++) {
            Files.deleteIfExists(scenario.file("events"));
            PidOneAgent agent = scenario.start("-config", config.toString());
            agent.await("app to run", WAIT, () -> scenario.lines("events").contains("ready"));
            long sent = System.nanoTime();
            agent.signal(Signal.TERM);
            int code = agent.awaitExit(Duration.ofSeconds(30));
            stops.add(Duration.ofNanos(System.nanoTime() - sent).toMillis());
            if (code != 137 || !scenario.lines("events").contains("ignored")) {
                wrong.add("round " + round + ": exit " + code + ", events " + scenario.lines("events"));
            }
        }

        FaultRuns.report("sigterm-ignored", "rounds %d, wrong %d; from SIGTERM to the agent's exit (stopTimeout 1 s)"
                + " min %d ms, max %d ms", STOP_ROUNDS, wrong.size(), stops.stream().mapToLong(Long::longValue).min()
                .orElse(0), stops.stream().mapToLong(Long::longValue).max().orElse(0));
        assertThat(wrong).as("rounds where the job was not killed after ignoring SIGTERM (exit 137)").isEmpty();
    }
}
