package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.scenarios.PidOneAgent;
import io.autopilot.scenarios.PidOneScenarios;
import io.autopilot.scenarios.ProcessTable;
import io.autopilot.scenarios.Scenario;
import io.autopilot.scenarios.Signal;
import io.autopilot.scenarios.ZombieWatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Thousands of orphans for PID 1 to reap: a job's shell starts them in the background and exits, so they are all
 * orphaned at once (those that already exited as zombies), and they exit about together. Every one is reaped (no
 * zombie outlives a short grace), and the agent goes on working: a SIGHUP job runs after the storm.
 */
@ExtendWith(PidOneScenarios.class)
class OrphanStormFaultsIT {
    private static final int ORPHANS = FaultRuns.rounds("faults.orphans", 500);
    /** Reaping takes microseconds; a zombie seen again after this long is one nobody reaps. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    /** Forks are slow on a loaded machine: measured, 20 a second on 2 cores at a load of 70. */
    private static final Duration WAIT = Duration.ofSeconds(60 + ORPHANS / 10);
    private static final String CONFIG = """
            {
              jobs: [
                {
                  name: "storm",
                  exec: ["sh", "-c", "i=0; while [ $i -lt %d ]; do sleep 5 & i=$((i + 1)); done; touch %s"],
                },
                { name: "still-working", exec: ["touch", "%s"], when: { source: "SIGHUP" } },
              ],
            }
            """;

    @Test
    void reapsThousandsOfOrphansExitingTogetherAndKeepsWorking(Scenario scenario) throws Exception {
        Path done = scenario.file("storm.done");
        Path working = scenario.file("still-working");
        Path config = Files.writeString(scenario.file("agent.json5"), CONFIG.formatted(ORPHANS, done, working));
        PidOneAgent agent = scenario.start("-config", config.toString());
        ZombieWatch watch = new ZombieWatch(agent.pid(), GRACE, "sleep 5");
        long started = System.nanoTime();

        // Not sampled meanwhile: reading the whole process table over and over would slow the storm itself.
        agent.await("the storm job to start its " + ORPHANS + " sleeps", WAIT, () -> Files.exists(done));
        Duration spawning = Duration.ofNanos(System.nanoTime() - started);
        agent.await("every orphan exited and reaped", WAIT, () -> {
            watch.sample();
            ProcessTable table = ProcessTable.read();
            return table.running(agent.pid(), "sleep 5").isEmpty() && table.zombieChildrenOf(agent.pid()).isEmpty();
        });
        Duration reaping = Duration.ofNanos(System.nanoTime() - started).minus(spawning);
        agent.signal(Signal.HUP);
        agent.await("the SIGHUP job to run after the storm", Duration.ofSeconds(20), () -> Files.exists(working));

        FaultRuns.report("orphan-storm", "orphans %d, the most seen at once as children of PID 1 %d, zombies left 0"
                + " (none outlived %d s), spawned in %d s, all exited and reaped %d s later, resident memory after"
                + " %s", ORPHANS, watch.mostOrphans(), GRACE.toSeconds(), spawning.toSeconds(), reaping.toSeconds(),
                Figures.mib(Figures.residentKib(agent.pid())));
        assertThat(watch.mostOrphans()).as("orphans seen at once with the agent as parent").isGreaterThan(0);
        assertThat(agent.isRunning()).as("the agent is still up").isTrue();
        agent.signal(Signal.TERM);
        assertThat(agent.awaitExit(Duration.ofSeconds(20))).as("both jobs exited 0: %s", agent.logTail()).isZero();
    }
}
