package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged agent reloading its edited file on SIGHUP ({@code reloadOn}), as an operator would. */
class ReloadIT {
    @TempDir
    Path dir;

    private static String config(String coprocessArg, String extra) {
        return """
                {
                  reloadOn: "SIGHUP",
                  %s
                  jobs: [
                    { name: "app", exec: ["sh", "-c", "echo app pid $$; exec sleep 60"] },
                    { name: "coprocess", exec: ["sh", "-c", "echo coprocess %s; exec sleep 60"] },
                  ],
                }
                """.formatted(extra, coprocessArg);
    }

    @Test
    void sighupAppliesTheEditedFileAndABrokenEditChangesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("app.json5"), config("arg1", ""));
        PackagedAgent agent = PackagedAgent.start("-config", file.toString());
        agent.awaitLine("coprocess arg1");
        agent.awaitLine("app pid");

        Files.writeString(file, config("arg2", "bogus: 1,"));
        hup(agent);
        agent.awaitLine("reload rejected");
        agent.awaitLine("bogus");

        Files.writeString(file, config("arg3", ""));
        hup(agent);
        agent.awaitLine("coprocess arg3");

        agent.terminate();
        assertThat(agent.exitCode()).isEqualTo(143);
        List<String> messages = agent.lines.stream().map(PackagedAgentLines::message).toList();
        assertThat(messages).filteredOn(line -> line.startsWith("app pid")).hasSize(1);
        assertThat(messages).noneMatch(line -> line.contains("coprocess arg2"))
                .anyMatch(line -> line.equals("reloaded: restarted coprocess"));
    }

    /** {@code Process} has no way to send HUP: kill(1) does. */
    private static void hup(PackagedAgent agent) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(agent.process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}
