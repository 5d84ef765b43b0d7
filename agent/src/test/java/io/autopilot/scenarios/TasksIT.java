package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Periodic jobs ({@code when.interval}): one run per tick, as many as {@code restarts} allows, each bounded by its
 * timeout.
 */
@ExtendWith(PidOneScenarios.class)
class TasksIT {
    /** ContainerPilot's test_tasks looks after 3.5 s; here the window runs from starting unshare to sending SIGTERM. */
    private static final Duration WINDOW = Duration.ofMillis(3500);

    @Test
    void runsPeriodicTasksWithinTheirRestartsAndTimeouts(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        // The 6 runs of tasks 1-3 are due 2.5 s after startup; a slow machine may take longer, so wait for them
        // (up to 15 s) rather than assume them, and for task3's last run to have timed out (100 ms after it began:
        // a loaded machine may reach the end of the window first, and SIGTERM would then end that run instead);
        // then also let the 3.5 s window pass, in which a 7th run would be due.
        agent.await("6 runs each of task1, task2 and task3, and task3's 6 timeouts", Duration.ofSeconds(15),
                () -> starts(scenario, "task1").size() >= 6 && starts(scenario, "task2").size() >= 6
                        && starts(scenario, "task3").size() >= 6 && timeouts(agent.stdout(), "task3") >= 6);
        agent.await("the 3.5 s window", Duration.ofSeconds(15), () -> agent.uptime().compareTo(WINDOW) >= 0);
        agent.signal(Signal.TERM);
        agent.awaitExit(Duration.ofSeconds(15));

        String log = agent.stdout();
        assertThat(starts(scenario, "task1")).as("task1 runs: 1 + restarts 5").hasSize(6);
        assertThat(starts(scenario, "task2")).as("task2 runs: 1 + restarts 5").hasSize(6);
        assertThat(starts(scenario, "task3")).as("task3 runs: 1 + restarts 5").hasSize(6);
        assertThat(timeouts(log, "task1")).as("task1 timeouts logged").isZero();
        assertThat(timeouts(log, "task2")).as("task2 timeouts logged").isZero();
        assertThat(timeouts(log, "task3")).as("task3 timeouts logged: one a run").isEqualTo(6);
        assertThat(scenario.lines("task3")).as("task3 is killed 100 ms into its 2 s of work, every time")
                .noneMatch(line -> line.startsWith("finished"));
        assertThat(starts(scenario, "task4")).as("task4 runs (unlimited restarts, 1 s interval)")
                .hasSizeGreaterThanOrEqualTo(2);
        // Runs come from the interval, not from restarting at once on exit. Half the interval allows for one late
        // tick followed by one on time (ContainerPilot checked that task4's runs fell in distinct seconds).
        assertThat(gaps(starts(scenario, "task1"))).as("ms between task1's runs (interval 500 ms)")
                .allMatch(gap -> gap >= 250);
        assertThat(gaps(starts(scenario, "task4"))).as("ms between task4's runs (interval 1000 ms)")
                .allMatch(gap -> gap >= 500);
    }

    private static List<Long> starts(Scenario scenario, String task) {
        return scenario.lines(task).stream().filter(line -> line.startsWith("start "))
                .map(line -> Long.parseLong(line.substring("start ".length()).trim())).toList();
    }

    private static List<Long> gaps(List<Long> nanos) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < nanos.size(); i++) {
            gaps.add((nanos.get(i) - nanos.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }

    /** Log lines reporting a timeout of {@code job}, as ContainerPilot's {@code task3 timeout after 100ms: '…'}. */
    private static long timeouts(String log, String job) {
        return log.lines().filter(line -> line.contains(job + " timeout after ")).count();
    }
}
