package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the agent puts in its children's environment, and what it keeps out. */
@ExtendWith(PidOneScenarios.class)
class EnvironmentIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern TESTPID = Pattern.compile("CONTAINERPILOT_TESTPID_PID=(\\d+)");

    @Test
    void givesJobsThePidOfARunningJobInTheEnvironment(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();

        agent.await("testenvvar to print CONTAINERPILOT_TESTPID_PID", WAIT,
                () -> TESTPID.matcher(agent.stdout()).find());

        Matcher printed = TESTPID.matcher(agent.stdout());
        assertThat(printed.find()).isTrue();
        List<ProcessTable.Entry> testpid = ProcessTable.read().running(agent.pid(), "tail -f /dev/null");
        assertThat(testpid).as("testpid's process").hasSize(1);
        assertThat(Long.parseLong(printed.group(1))).as("the pid testenvvar saw, as the container numbers it")
                .isEqualTo(ProcessTable.innerPid(testpid.getFirst().pid()));
    }

    @Test
    void keepsTheAgentsJvmVariablesOutOfItsChildren(Scenario scenario) {
        scenario.env("JAVA_TOOL_OPTIONS", "-Dscenario.leak=tool")
                .env("JDK_JAVA_OPTIONS", "-Dscenario.leak=jdk")
                .env("_JAVA_OPTIONS", "-Dscenario.leak=underscore")
                .env("SCENARIO_MARKER", "kept");
        PidOneAgent agent = scenario.start("--", "sh", "-c", "env > \"$WORK/child.env\"");

        assertThat(agent.awaitExit(WAIT)).as(agent::logTail).isEqualTo(0);
        List<String> names = scenario.lines("child.env").stream().map(line -> line.split("=", 2)[0]).toList();
        assertThat(names).as("the child's environment").contains("SCENARIO_MARKER", "PATH")
                // _JAVA_SR_SIGNUM is set by the launcher (HotSpot's suspend signal, moved off USR2).
                .doesNotContain("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "_JAVA_SR_SIGNUM");
    }
}
