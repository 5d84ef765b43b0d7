package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent in a network namespace of its own with only {@code lo}, as a container may be, its telemetry
 * bound to an interface that is not there: the start fails, and the log says why, once, with nothing beside it.
 */
class NoInterfaceStartIT {
    @TempDir
    Path dir;

    @Test
    void aTelemetryWithoutAnInterfaceFailsTheStartWithOnlyItsOwnError() throws Exception {
        Path socket = dir.resolve("control.sock");
        Path config = Files.writeString(dir.resolve("app.json5"), "{ control: { socket: '" + socket + "' },"
                + " telemetry: { port: 29090, interfaces: ['nosuch0'] }, jobs: [{ name: 'app', exec: ['true'] }] }");
        ProcessBuilder builder = new ProcessBuilder("unshare", "--net", "/bin/sh", "-c",
                "ip link set lo up && exec \"$0\" \"$@\"", PackagedAgent.LAUNCHER.toString(), "-config",
                config.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile());
        Process agent = builder.start();
        assertThat(agent.waitFor(PackagedAgent.TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the agent exited").isTrue();
        List<String> lines = Files.readAllLines(dir.resolve("out"), StandardCharsets.UTF_8);

        assertThat(agent.exitValue()).as(lines.toString()).isEqualTo(1);
        assertThat(lines).filteredOn(line -> line.contains("could not start:")).singleElement().asString()
                .contains("telemetry: no address matches the interfaces nosuch0");
        assertThat(lines).as("only the real error").noneMatch(line -> line.contains("control: cannot serve"))
                .noneMatch(line -> line.contains("hardware address")).noneMatch(line -> line.contains("Failed"));
        assertThat(socket).doesNotExist();
    }
}
