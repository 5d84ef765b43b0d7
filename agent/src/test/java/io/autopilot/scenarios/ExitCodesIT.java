package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The container's exit code is the main process's, as with tini and dumb-init: its own code, 128+signal when a signal
 * ended it, 127/126 when it could not be started, and 1 (never 0) when the agent cannot run at all.
 */
@ExtendWith(PidOneScenarios.class)
class ExitCodesIT {
    static final Duration EXIT = Duration.ofSeconds(15);

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 255})
    void exitsWithTheExitCodeOfTheMainCommand(int code, Scenario scenario) {
        PidOneAgent agent = scenario.start("--", "sh", "-c", "exit " + code);

        assertThat(agent.awaitExit(EXIT)).as(agent::logTail).isEqualTo(code);
    }

    @ParameterizedTest
    @EnumSource(value = Signal.class, names = {"HUP", "KILL", "TERM"})
    void exitsWith128PlusTheSignalThatKilledTheMainCommand(Signal signal, Scenario scenario) {
        PidOneAgent agent = scenario.start("--", "sleep", "600");
        agent.await("the main command to run", EXIT, () -> !ProcessTable.read().running(agent.pid(), "sleep 600")
                .isEmpty());

        // Sent from outside, straight to the main process, as dumb-init's exit_status test does.
        Signal.send(signal, ProcessTable.read().running(agent.pid(), "sleep 600").getFirst().pid());

        assertThat(agent.awaitExit(EXIT)).as(agent::logTail).isEqualTo(128 + signal.number());
    }

    @Test
    void exitsWith143WhenSigtermStopsALongRunningMainCommand(Scenario scenario) {
        PidOneAgent agent = scenario.start("--", "sleep", "600");
        agent.await("the main command to run", EXIT, () -> !ProcessTable.read().running(agent.pid(), "sleep 600")
                .isEmpty());

        long sent = System.nanoTime();
        agent.signal(Signal.TERM);
        int code = agent.awaitExit(EXIT);

        assertThat(code).as(agent::logTail).isEqualTo(128 + 15);
        // sleep dies on the TERM at once: the agent must not sit out its 5 s stop timeout (ContainerPilot did).
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("from SIGTERM to exit").isLessThan(
                Duration.ofSeconds(4));
    }

    @Test
    void exitsWithTheMainCommandsOwnCodeWhenItHandlesSigterm(Scenario scenario) {
        PidOneAgent agent = scenario.start("--", "sh", "-c",
                "trap 'exit 7' TERM; touch \"$WORK/ready\"; while :; do sleep 0.1; done");
        agent.await("the main command to set its trap", EXIT, () -> Files.exists(scenario.file("ready")));

        agent.signal(Signal.TERM);

        assertThat(agent.awaitExit(EXIT)).as(agent::logTail).isEqualTo(7);
    }

    @Test
    void exitsWith127WhenTheMainCommandDoesNotExist(Scenario scenario) {
        PidOneAgent agent = scenario.start("--", "/no/such/binary");

        assertThat(agent.awaitExit(EXIT)).as(agent::logTail).isEqualTo(127);
    }

    @Test
    void exitsWith126WhenTheMainCommandIsNotExecutable(Scenario scenario) throws IOException {
        Path script = Files.writeString(scenario.file("not-executable.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        PidOneAgent agent = scenario.start("--", script.toString());

        assertThat(agent.awaitExit(EXIT)).as(agent::logTail).isEqualTo(126);
    }

    @Test
    void exitsWith0WhenTheMainJobSucceedsAndStopsTheOtherJobs(Scenario scenario) {
        PidOneAgent agent = scenario.startWithConfig();

        int code = agent.awaitExit(EXIT);

        assertThat(code).as(agent::logTail).isEqualTo(0);
        assertThat(scenario.lines("worker.stopped")).as("what the other job received before the agent exited")
                .containsExactly("TERM");
    }

    @Test
    void exitsWith1WhenTheConfigIsInvalid(Scenario scenario) {
        PidOneAgent agent = scenario.start("-config",
                scenario.config("invalid/exitsWith1WhenTheConfigIsInvalid.json5").toString());

        assertThat(agent.awaitExit(EXIT)).as(agent::logTail).isEqualTo(1);
        assertThat(agent.stdout() + agent.stderr()).as("the problem names the key").contains("restart");
    }

    @Test
    void exitsWith1WhenTheConfigFileIsMissing(Scenario scenario) {
        PidOneAgent agent = scenario.start("-config", scenario.file("no-such-config.json5").toString());

        assertThat(agent.awaitExit(EXIT)).as(agent::logTail).isEqualTo(1);
        assertThat(agent.stdout() + agent.stderr()).contains("no-such-config.json5");
    }
}
