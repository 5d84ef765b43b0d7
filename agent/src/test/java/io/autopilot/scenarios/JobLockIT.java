package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jobs with the same {@code lock} key run one at a time, each under a session of its own (as the jobs of different
 * agents would), all of them in the end; a pre-stop hook with the lock runs under it when the agent stops.
 */
@RealConsul
@ExtendWith(PidOneScenarios.class)
class JobLockIT {
    private record Run(String job, long start, long end) {
    }

    @Test
    void runsJobsThatShareALockOneAtATimeAndAPreStopHookUnderIt(Scenario scenario, ConsulAgent consul) {
        scenario.env("CONSUL", consul.httpAddress()).env("LOCK_KEY", "job-lock-it/" + UUID.randomUUID());
        PidOneAgent agent = scenario.startWithConfig();
        agent.await("a, b and c have run", Duration.ofSeconds(30), () -> runs(scenario).size() == 3);

        agent.signal(Signal.TERM);
        assertThat(agent.awaitExit(Duration.ofSeconds(20))).as("exit code").isZero();

        List<Run> runs = runs(scenario);
        assertThat(runs).extracting(Run::job).as("jobs that ran, in order").hasSize(4)
                .containsExactlyInAnyOrder("a", "b", "c", "hook").endsWith("hook");
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).start()).as("%s started after %s ended: %s", runs.get(i).job(),
                    runs.get(i - 1).job(), runs).isGreaterThanOrEqualTo(runs.get(i - 1).end());
        }
        assertThat(agent.stdout()).contains("holding the lock", "gave the lock");
    }

    /** The finished runs in locked.log, by start. */
    private static List<Run> runs(Scenario scenario) {
        List<String> lines = scenario.lines("locked.log");
        List<Run> runs = new ArrayList<>();
        for (String line : lines) {
            String[] start = line.split(" ");
            if (!start[0].equals("start")) {
                continue;
            }
            lines.stream().map(l -> l.split(" ")).filter(end -> end[0].equals("end") && end[1].equals(start[1]))
                    .findFirst().ifPresent(end -> runs.add(new Run(start[1], Long.parseLong(start[2]),
                            Long.parseLong(end[2]))));
        }
        runs.sort(Comparator.comparingLong(Run::start));
        return runs;
    }
}
