package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Signals to PID 1: HUP and USR2 start the jobs whose source they are; the others go on to the main process. */
@ExtendWith(PidOneScenarios.class)
class SignalsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void runsTheJobsOfSighupAndSigusr2OnEverySignal(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();
        agent.await("app to run", WAIT, () -> ProcessTable.read().running(agent.pid(), "tail -f").size() == 1);
        long app = ProcessTable.read().running(agent.pid(), "tail -f").getFirst().pid();

        fire(agent, scenario, Signal.HUP, "on-sighup");
        fire(agent, scenario, Signal.USR2, "on-sigusr2");
        fire(agent, scenario, Signal.HUP, "on-sighup");

        assertThat(scenario.lines("events")).containsExactly("on-sighup", "on-sigusr2", "on-sighup");
        assertThat(agent.stdoutLines()).as("the jobs' output, as ContainerPilot's test_sighup greps it")
                .anyMatch(line -> line.contains("on-sighup job fired on SIGHUP"))
                .anyMatch(line -> line.contains("on-sigusr2 job fired on SIGUSR2"));
        assertThat(ProcessTable.read().running(agent.pid(), "tail -f")).as("app, untouched by the signals")
                .extracting(ProcessTable.Entry::pid).containsExactly(app);
    }

    @Test
    void forwardsSigwinchToTheMainCommand(Scenario scenario) {
        PidOneAgent agent = scenario.start("--", "sh", "-c",
                "trap 'echo winch >> \"$WORK/winch\"' WINCH; touch \"$WORK/ready\"; while :; do sleep 0.1; done");
        agent.await("the main command to set its trap", WAIT, () -> Files.exists(scenario.file("ready")));

        agent.signal(Signal.WINCH);

        agent.await("the main command to get SIGWINCH", WAIT, () -> scenario.lines("winch").size() == 1);
        assertThat(agent.isRunning()).as("SIGWINCH stops nothing").isTrue();
    }

    @Test
    void startsChildrenWithNoSignalBlockedOrIgnored(Scenario scenario) {
        // The JVM's threads block some signals and a JVM may start with some ignored; a child must inherit neither
        // (tini's signal-mask test). grep reads its own status, inherited from sh, the agent's child.
        PidOneAgent agent = scenario.start("--", "sh", "-c",
                "grep -E '^Sig(Blk|Ign):' /proc/self/status > \"$WORK/signals\"");

        assertThat(agent.awaitExit(WAIT)).as(agent::logTail).isEqualTo(0);
        assertThat(scenario.lines("signals")).containsExactly("SigBlk:\t0000000000000000",
                "SigIgn:\t0000000000000000");
    }

    /** Signals the agent, then waits for the job to record its run and to exit: the next signal is no overlap. */
    private static void fire(PidOneAgent agent, Scenario scenario, Signal signal, String job) {
        int before = scenario.lines("events").size();
        agent.signal(signal);
        agent.await(job + " to run on " + signal, WAIT, () -> scenario.lines("events").size() > before);
        assertThat(scenario.lines("events")).as("the runs so far").last().isEqualTo(job);
        agent.await(job + " to exit", WAIT, () -> ProcessTable.read().running(agent.pid(), "echo " + job).isEmpty());
    }
}
