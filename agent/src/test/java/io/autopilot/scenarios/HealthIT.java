package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health checks run on their own schedule: one that hangs until its timeout delays no other job's. */
@ExtendWith(PidOneScenarios.class)
class HealthIT {

    @Test
    void keepsCheckingAHealthyJobWhileAnotherJobsCheckHangs(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        agent.await("four runs of hung's check, three of them timed out", Duration.ofSeconds(20),
                () -> scenario.lines("hung.runs").size() >= 4);

        List<Long> hung = nanos(scenario.lines("hung.runs"));
        List<Long> healthy = nanos(scenario.lines("healthy.runs"));
        assertThat(healthy).as("healthy's check runs").isNotEmpty();
        assertThat(gapsMillis(hung.subList(0, 3))).as("ms between hung's runs: each hung for its 1 s timeout")
                .allMatch(gap -> gap >= 900);
        // Interval 200 ms: about five runs fit in each 1 s that a hung check holds; a healthy check queued behind
        // the hung one would run at most once there. Two leaves room for a slow machine without hiding a block.
        // The first window is left out: the healthy check's first run may come after hung's.
        for (int i = 1; i < 3; i++) {
            long from = hung.get(i);
            long to = hung.get(i + 1);
            assertThat(healthy.stream().filter(t -> t >= from && t < to).count())
                    .as("healthy's runs while hung's run %d hung for %d ms", i + 1, (to - from) / 1_000_000)
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(ProcessTable.read().running(agent.pid(), "sleep 1000")).as("hung checks left running: the"
                + " timeout kills each").hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void endsWhatAnExecCheckLeavesBehindAndKeepsItsRate(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        agent.await("ten runs of the check", Duration.ofSeconds(30), () -> scenario.lines("check.runs").size() >= 10);

        List<Long> gaps = gapsMillis(nanos(scenario.lines("check.runs")).subList(0, 10));
        // Interval 200 ms; a run that waited for its leftover's pipe took more than 1 s.
        assertThat(gaps.stream().sorted().toList().get(gaps.size() / 2)).as("median ms between runs: %s", gaps)
                .isLessThanOrEqualTo(600);
        agent.await("nothing left of the finished runs", Duration.ofSeconds(5),
                () -> ProcessTable.read().running(agent.pid(), "sleep 1000").size() <= 1);
        assertThat(agent.isRunning()).as("the agent is still up").isTrue();
    }

    private static List<Long> nanos(List<String> lines) {
        return lines.stream().map(String::trim).map(Long::parseLong).toList();
    }

    private static List<Long> gapsMillis(List<Long> nanos) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < nanos.size(); i++) {
            gaps.add((nanos.get(i) - nanos.get(i - 1)) / 1_000_000);
        }
        return gaps;
    }
}
