package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PID 1 reaps every orphan the container's processes leave behind, and stays up while doing it. */
@ExtendWith(PidOneScenarios.class)
class ZombiesIT {
    /** Reaping takes microseconds; a zombie seen again after this long is one nobody reaps. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    @Test
    void reapsTheOrphansOfHealthChecksAndBackgroundedJobs(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        ZombieWatch watch = new ZombieWatch(agent.pid(), GRACE, "sleep 0.5");

        // Five checks and ten job loops: about ten orphans from each source, all exited well before the end.
        agent.await("5 runs of the orphan-leaving health check and 10 loops of slow-zombies", Duration.ofSeconds(20),
                () -> {
                    watch.sample();
                    return scenario.lines("zombie.runs").size() >= 5
                            && scenario.lines("slow-zombies.runs").size() >= 10;
                });
        agent.await("no zombie child of the agent", Duration.ofSeconds(5), () -> {
            watch.sample();
            return watch.zombieChildren() == 0;
        });

        assertThat(watch.mostOrphans()).as("orphans seen with the agent as parent: else nothing was tested")
                .isGreaterThan(0);
        assertThat(agent.isRunning()).as("the agent is still up").isTrue();
        assertThat(agent.stdout() + agent.stderr()).as("ContainerPilot's reaper race (its issues 439/440)")
                .doesNotContainIgnoringCase("no child process");
    }

    @Test
    void reapsAStormOfOrphansAndKeepsWorking(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        ZombieWatch watch = new ZombieWatch(agent.pid(), GRACE, "sleep 3");

        agent.await("the storm job to double-fork its 300 sleeps", Duration.ofSeconds(20), () -> {
            watch.sample();
            return scenario.file("storm.done").toFile().exists();
        });
        agent.await("every orphan exited and reaped", Duration.ofSeconds(10), () -> {
            watch.sample();
            ProcessTable table = ProcessTable.read();
            return table.running(agent.pid(), "sleep 3").isEmpty() && table.zombieChildrenOf(agent.pid()).isEmpty();
        });

        assertThat(watch.mostOrphans()).as("orphans seen at once with the agent as parent").isGreaterThanOrEqualTo(50);
        agent.signal(Signal.HUP);
        agent.await("the SIGHUP job to run after the storm", Duration.ofSeconds(10),
                () -> scenario.file("still-working").toFile().exists());
        assertThat(agent.isRunning()).as("the agent is still up").isTrue();
    }
}
