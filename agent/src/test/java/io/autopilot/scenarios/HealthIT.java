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
        agent.await("three runs of hung's check, two of them timed out", Duration.ofSeconds(20),
                () -> scenario.lines("hung.runs").size() >= 3);

        List<Long> hung = nanos(scenario.lines("hung.runs"));
        List<Long> healthy = nanos(scenario.lines("healthy.runs"));
        assertThat(healthy).as("healthy's check runs").isNotEmpty();
        assertThat(gapsMillis(hung.subList(0, 3))).as("ms between hung's runs: each hung for its 1 s timeout")
                .allMatch(gap -> gap >= 900);
        long from = Math.max(hung.get(0), healthy.getFirst());
        long to = hung.get(2);
        List<Long> during = healthy.stream().filter(t -> t >= from && t <= to).toList();
        // Interval 200 ms; 3x that allows for a slow machine, while one blocked behind the hung check waits 1 s.
        assertThat(gapsMillis(during)).as("ms between healthy's runs while hung's check hangs")
                .isNotEmpty().allMatch(gap -> gap <= 600);
        assertThat(during).as("healthy's runs in the %d ms while hung's check hangs", (to - from) / 1_000_000)
                .hasSizeGreaterThanOrEqualTo((int) ((to - from) / 1_000_000 / 200 / 2));
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
