package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ContainerPilot's test_coprocess: a job with {@code restarts: 1} comes back once after being killed, not twice. */
@ExtendWith(PidOneScenarios.class)
class CoprocessIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String COPROCESS = "sleep 1000";

    @Test
    void restartsACoprocessOnceThenLeavesItStopped(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        agent.await("the coprocess to run", WAIT, () -> coprocesses(agent).size() == 1);
        long first = coprocesses(agent).getFirst().pid();

        Signal.send(Signal.TERM, first);
        agent.await("the coprocess to run again", WAIT, () -> coprocesses(agent).size() == 1
                && coprocesses(agent).getFirst().pid() != first);
        Signal.send(Signal.TERM, coprocesses(agent).getFirst().pid());
        agent.await("the coprocess to end", WAIT, () -> coprocesses(agent).isEmpty());

        // No event can show a restart that does not happen: watch for one for a while (restarts are immediate).
        agent.assertHoldsFor("the coprocess stays stopped, its one restart used", Duration.ofSeconds(1),
                () -> coprocesses(agent).isEmpty());
        assertThat(scenario.lines("coprocess.runs")).containsExactly("run arg1", "run arg1");
        assertThat(ProcessTable.read().running(agent.pid(), "tail -f")).as("app keeps running").hasSize(1);
    }

    private static List<ProcessTable.Entry> coprocesses(PidOneAgent agent) {
        return ProcessTable.read().running(agent.pid(), COPROCESS);
    }
}
