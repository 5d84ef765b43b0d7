package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SIGTERM to PID 1 while it starts (docker stop right after docker run). The kernel drops a signal that PID 1 has no
 * handler for, so every stage of the start-up must have one: the launcher script, then the JVM, then the agent.
 */
@ExtendWith(PidOneScenarios.class)
class StartupSignalIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aSigtermToTheLauncherStopsTheContainerWithExit143(Scenario scenario) {
        PidOneAgent agent = scenario.startLauncher("--", "sleep", "600");
        // The launcher's first line sets its handlers: wait for them while it runs, not after (a launcher without
        // them execs the JVM, which is then the one to get the TERM, in its own first milliseconds without one).
        boolean handled = catchesWhileTheLauncherRuns(agent);

        Signal.send(Signal.TERM, agent.pid());

        assertThat(agent.awaitExit(WAIT)).as("the launcher %s a handler for TERM when it got it; %s",
                handled ? "had" : "did not have", agent.logTail()).isEqualTo(143);
        assertThat(agent.stdout()).as("the JVM never started").doesNotContain("started");
    }

    @Test
    void aSigtermWhileTheAgentLoadsItsConfigurationStopsItBeforeAnyJobRuns(Scenario scenario) throws Exception {
        // The configuration is a FIFO: loading it waits until the test writes it, however slow the machine.
        Path config = scenario.file("agent.json5");
        assertThat(new ProcessBuilder("mkfifo", config.toString()).start().waitFor()).isZero();
        PidOneAgent agent = scenario.startLauncher("-config", config.toString());
        // Only the agent's own handlers take WINCH: the JVM's default ones are for TERM, INT and HUP.
        agent.await("the agent's own handlers", WAIT, () -> ProcessTable.catches(agent.pid(), Signal.WINCH.number()));

        Signal.send(Signal.TERM, agent.pid());
        write(config, "{ jobs: [{ name: 'app', exec: ['sh', '-c', 'touch \"$WORK/ran\"; exec sleep 600'] }] }");

        assertThat(agent.awaitExit(WAIT)).as(agent::logTail).isEqualTo(143);
        assertThat(scenario.file("ran")).as("no job ran").doesNotExist();
    }

    /** Writes into the FIFO; opened read-write, so it never waits for a reader that may be gone. */
    private static void write(Path fifo, String text) throws IOException {
        try (FileChannel channel = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static boolean catchesWhileTheLauncherRuns(PidOneAgent agent) {
        Eventually.spinUntil(() -> ProcessTable.catches(agent.pid(), Signal.TERM.number())
                || !PidOneAgent.isLauncher(agent.pid()), WAIT, () -> "the launcher's TERM handler, or its exec");
        return PidOneAgent.isLauncher(agent.pid());
    }
}
