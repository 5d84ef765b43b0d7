package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
    void aSigtermToTheLauncherStopsTheContainerWithExit143(Scenario scenario) throws Exception {
        // The launcher runs for a few milliseconds only, too short to signal it reliably. Started through a link, it
        // runs readlink to find its folder: here a readlink on PATH that says so, then waits until the test lets it
        // go, so the TERM comes while the launcher certainly runs, as a shell waiting for a command it started.
        Path link = scenario.file("bin/autopilot");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, scenario.launcher());
        Path tools = scenario.file("tools");
        Files.createDirectories(tools);
        Path release = scenario.file("release");
        assertThat(new ProcessBuilder("mkfifo", release.toString()).start().waitFor()).isZero();
        Path readlink = tools.resolve("readlink");
        // The FIFO is opened before saying so, read-write, so what the test writes is there whenever it comes.
        Files.writeString(readlink, "#!/bin/sh\nexec 3<>\"$WORK/release\"\ntouch \"$WORK/readlink-runs\"\n"
                + "read -r go <&3\nexec /usr/bin/readlink \"$@\"\n");
        Files.setPosixFilePermissions(readlink, PosixFilePermissions.fromString("rwxr-xr-x"));
        scenario.env("PATH", tools + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        PidOneAgent agent = scenario.startLauncher(link, "--", "sleep", "600");
        agent.await("the launcher running readlink", WAIT, () -> Files.exists(scenario.file("readlink-runs")));
        assertThat(ProcessTable.catches(agent.pid(), Signal.TERM.number())).as("the launcher's TERM handler").isTrue();

        Signal.send(Signal.TERM, agent.pid());
        try (FileChannel channel = FileChannel.open(release, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap("go\n".getBytes(StandardCharsets.UTF_8)));
        }

        assertThat(agent.awaitExit(WAIT)).as(agent::logTail).isEqualTo(143);
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
        // Written once the agent opens the file: written before, it would be lost with the last open end.
        CompletableFuture<Path> written = CompletableFuture.supplyAsync(() -> writeOnceRead(config,
                "{ jobs: [{ name: 'app', exec: ['sh', '-c', 'touch \"$WORK/ran\"; exec sleep 600'] }] }"));
        try {
            assertThat(agent.awaitExit(WAIT)).as(agent::logTail).isEqualTo(143);
            assertThat(scenario.file("ran")).as("no job ran").doesNotExist();
        } finally {
            release(config, written);
        }
    }

    /** Writes {@code text} into the FIFO; opening it for writing waits until a reader opens it. */
    private static Path writeOnceRead(Path fifo, String text) {
        try {
            return Files.writeString(fifo, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** If the writer still waits for a reader (the agent never read its configuration), ends its wait. */
    private static void release(Path fifo, CompletableFuture<Path> written) throws IOException {
        if (!written.isDone()) {
            try (FileChannel reader = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                written.exceptionally(failure -> null).join();
            }
        }
    }
}
