package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    @Test
    void reapsTheOrphansOfProcessesThatEnteredTheContainerAfterEveryJobCompleted(Scenario scenario) throws Exception {
        PidOneAgent agent = scenario.env("TELEMETRY_PORT", Integer.toString(freePort())).startWithConfig();
        agent.await("every job to complete", Duration.ofSeconds(20),
                () -> agent.stdout().contains("every job completed; still running for"));
        ZombieWatch watch = new ZombieWatch(agent.pid(), GRACE, "sleep 0.7");

        // Three visits, as docker exec makes them: each shell backgrounds a sleep and exits, so the sleep is
        // re-parented to the namespace's PID 1, which has no job of its own running. Before the last, someone kills
        // the shell the agent keeps as a child to wait on: the agent must start another.
        for (int visit = 0; visit < 3; visit++) {
            if (visit == 2) {
                killTheReapersAnchor(agent);
            }
            enterTheNamespaceOf(agent, scenario, "sleep 0.7 & exit 0");
            agent.await("the orphan of visit " + visit + " to exit and be reaped", Duration.ofSeconds(10), () -> {
                watch.sample();
                ProcessTable table = ProcessTable.read();
                return table.running(agent.pid(), "sleep 0.7").isEmpty()
                        && table.zombieChildrenOf(agent.pid()).isEmpty();
            });
        }

        assertThat(watch.mostOrphans()).as("orphans seen with the agent as parent: else nothing was tested")
                .isGreaterThan(0);
        assertThat(agent.isRunning()).as("the agent is still up").isTrue();
    }

    private static void killTheReapersAnchor(PidOneAgent agent) {
        List<ProcessTable.Entry> anchors = ProcessTable.read().running(agent.pid(), "read autopilot_reaper_anchor");
        assertThat(anchors).as("the agent's anchor, a child that keeps its waitid blocking").hasSize(1);
        Signal.send(Signal.KILL, anchors.getFirst().pid());
        agent.await("another anchor", Duration.ofSeconds(5), () -> ProcessTable.read()
                .running(agent.pid(), "read autopilot_reaper_anchor").stream()
                .anyMatch(anchor -> anchor.pid() != anchors.getFirst().pid()));
    }

    /** Runs {@code script} in the agent's pid namespace from outside it, as {@code docker exec} does. */
    private static void enterTheNamespaceOf(PidOneAgent agent, Scenario scenario, String script)
            throws IOException, InterruptedException {
        // Into a file: what the script leaves running holds its output, and a pipe would be read until that ends.
        Path output = scenario.file("visit.log");
        Process visit = new ProcessBuilder("nsenter", "--target", Long.toString(agent.pid()), "--pid", "sh", "-c",
                script).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(visit.waitFor(10, TimeUnit.SECONDS)).as("nsenter finished").isTrue();
        assertThat(visit.exitValue()).as("nsenter's exit code; it said: %s", PidOneAgent.read(output)).isZero();
    }

    // Scenarios share the host's network: each takes a port nobody holds at the moment it starts.
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
