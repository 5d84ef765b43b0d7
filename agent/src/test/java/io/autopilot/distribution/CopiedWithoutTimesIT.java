package io.autopilot.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution copied as {@code cp -r} copies it, every file with a new time, so that the AOT caches no longer
 * fit: each command's stdout holds only its own output, and the agent says once, in its log, how to fit them.
 */
class CopiedWithoutTimesIT {
    private static final Path DIST = Path.of(System.getProperty("autopilot.dist", "target/autopilot"));
    private static final Pattern HOW_TO_FIT = Pattern.compile("was made for files with other times.*bin/fit-aot-cache");

    @TempDir
    Path dir;

    private Process agent;

    record Result(int code, String out, String err) {
    }

    @AfterEach
    void stopAgent() throws InterruptedException {
        if (agent != null) {
            agent.destroy();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("the agent stopped").isTrue();
        }
    }

    private Result run(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("AUTOPILOT_AOT");
        builder.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void commandsPrintOnlyTheirOwnOutputAndTheAgentSaysOnceHowToFitTheCache() throws Exception {
        Path copy = dir.resolve("copy");
        assertThat(run("cp", "-r", DIST.toString(), copy.toString()).code()).isZero();
        String autopilot = copy.resolve("bin/autopilot").toString();
        Path socket = dir.resolve("control.sock");
        Path log = dir.resolve("agent.log");
        Path config = Files.writeString(dir.resolve("app.json5"), "{ control: { socket: '" + socket + "' },"
                + " logging: { output: '" + log + "' }, jobs: [{ name: 'app', exec: ['sleep', '600'] }] }");
        Path template = Files.writeString(dir.resolve("t.json5"), "{ jobs: [{ name: '{{ .NAME }}' }] }");

        ProcessBuilder builder = new ProcessBuilder(autopilot, "-config", config.toString()).directory(dir.toFile());
        builder.environment().remove("AUTOPILOT_AOT");
        builder.redirectOutput(dir.resolve("agent.out").toFile()).redirectError(dir.resolve("agent.err").toFile());
        agent = builder.start();
        Eventually.until(() -> Files.exists(socket), () -> "the agent's control socket " + socket);

        assertOnlyOwnOutput(run(autopilot, "-version"), "Version: \\S+\nGitHash: \\S+\n");
        assertOnlyOwnOutput(run(autopilot, "-config", config.toString(), "-ping"), "ok\n");
        assertOnlyOwnOutput(run(autopilot, "-config", config.toString(), "-status"), "(?s)\\{.*\"app\".*\\}\n?");
        assertOnlyOwnOutput(run("env", "NAME=web", autopilot, "-config", template.toString(), "-template"),
                "\\{ jobs: \\[\\{ name: 'web' }] }\n?");

        // A cache the JVM refuses though its time is right (another runtime's, say) is left out as quietly.
        Files.writeString(copy.resolve("lib/client.aot"), "a cache made by another runtime");
        assertThat(run("touch", "-r", copy.resolve("lib/autopilot-agent.jar").toString(),
                copy.resolve("lib/client.aot").toString()).code()).isZero();
        assertOnlyOwnOutput(run(autopilot, "-config", config.toString(), "-ping"), "ok\n");

        Matcher fit = HOW_TO_FIT.matcher(Files.readString(log));
        int times = 0;
        while (fit.find()) {
            times++;
        }
        assertThat(times).as(Files.readString(log)).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("agent.out")) + Files.readString(dir.resolve("agent.err")))
                .doesNotContain("[aot]");
    }

    private static void assertOnlyOwnOutput(Result result, String expected) {
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).matches(expected);
        assertThat(result.err()).doesNotContain("[aot]").doesNotContain("[warning]").doesNotContain("[error");
    }
}
