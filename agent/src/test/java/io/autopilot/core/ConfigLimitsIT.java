package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.control.ControlClient;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent, with its own 32 MB heap and 256 KiB stacks, given configurations that reach a limit: each is a
 * problem report with its file and line, from {@code -validate} and from a reload over the control plane, and a
 * rejected reload leaves the agent ready for the next one.
 */
class ConfigLimitsIT {
    /** Renders for minutes, within every count the engine keeps: only the time limit can stop it. */
    private static final String ENDLESS = "{{ range loop 100000 }}{{ $s := replaceAll \" \" \"a\" (printf"
            + " \"%1000000s\" \"\") }}{{ end }}";

    @TempDir
    Path dir;

    @Test
    void validateReportsEveryLimitAsAProblemWithItsLineAndNoStackTrace() throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("width.json5", "{\n  a: \"{{ printf \"%0999999999d\" 1 }}\",\n  b: {{ printf \"%*d\" 99999999 1 }}\n}");
        files.put("loop.json5", "{\n  jobs: [{{ range loop 100000000 }}{}{{ end }}],\n}");
        files.put("replace.json5", "{\n  a: \"{{ replaceAll \"\" \"ab\" (printf \"%900000s\" \"\") }}\",\n}");
        files.put("nested-loops.json5", "{\n{{ range $i := loop 100000 }}{{ range loop 100000 }}{{ end }}{{ end }}\n}");
        files.put("endless.json5", "{\n" + ENDLESS + "\n}");
        files.put("parens.json5", "{\n  a: {{" + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "}},\n}");
        files.put("deep.conf", "a {\n".repeat(2_000) + "}\n".repeat(2_000));
        files.put("dotted.conf", "a" + ".a".repeat(5_000) + " = 1\n");
        files.put("deep.json5", "{\n  a: " + "[".repeat(10_000) + "\n}");
        files.put("source.json5", "{\n  jobs: [{ name: \"app\", exec: \"true\", when: { once: \"healthy\", source: \""
                + "x".repeat(60_000) + "\" } }],\n}");
        for (var entry : files.entrySet()) {
            Path file = Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
            assertReportedWithALine(file);
        }

        Path huge = dir.resolve("huge.json5");
        try (OutputStream out = Files.newOutputStream(huge)) {
            byte[] line = ("// " + "x".repeat(1020) + "\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 40 * 1024; i++) {
                out.write(line);
            }
        }
        assertThat(assertReportedWithALine(huge)).contains(huge + ":65: the file is larger than 65536 bytes");

        Path binary = Files.write(dir.resolve("binary.json5"), new byte[] {'{', '\n', ' ', 'a', ':', ' ', (byte) 0xC3,
                (byte) 0x28, '\n', '}'});
        assertThat(assertReportedWithALine(binary)).contains(binary + ":2:5: not UTF-8 text: byte 0xC3");
    }

    /** Runs {@code -validate} and returns its output, which must report the file with a line and no stack trace. */
    private static String assertReportedWithALine(Path file) throws Exception {
        Process process = new ProcessBuilder(PackagedAgent.LAUNCHER.toString(), "-validate", "-config",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(PackagedAgent.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("-validate did not end: " + file);
        }
        assertThat(process.exitValue()).as(out).isEqualTo(1);
        // A problem of the whole file reads "app.json5:3:7: ...", one of a key "jobs[0].x: ... (app.json5:3)".
        assertThat(out).as(file.toString()).containsPattern("\\Q" + file + "\\E:[1-9][0-9]*[:)]")
                .doesNotContain("Exception", "\tat ", "OutOfMemoryError", "StackOverflowError");
        return out;
    }

    @Test
    void aReloadOfATemplateThatNeverEndsIsRejectedAndTheNextReloadIsServed() throws Exception {
        Path socket = dir.resolve("control.sock");
        Path file = dir.resolve("app.json5");
        Files.writeString(file, config(socket, "first", ""));
        PackagedAgent agent = PackagedAgent.start("-config", file.toString());
        agent.awaitLine("control: serving at " + socket);
        agent.awaitLine("app first");
        ControlClient client = new ControlClient(socket, Duration.ofSeconds(PackagedAgent.TIMEOUT_SECONDS));

        Files.writeString(file, config(socket, "second", ENDLESS));
        ControlClient.Response endless = client.send("POST", "/v3/reload", "");
        Files.writeString(file, config(socket, "third", ""));
        ControlClient.Response good = client.send("POST", "/v3/reload", "");

        assertThat(endless.status()).as(endless.body()).isEqualTo(422);
        assertThat(endless.body()).contains(file + ":6:").contains("the render took longer than 2s, the limit of a"
                + " render");
        assertThat(good.status()).as(good.body()).isEqualTo(200);
        agent.awaitLine("app third");
        agent.terminate();
        assertThat(agent.exitCode()).isEqualTo(143);
        List<String> messages = agent.lines.stream().map(PackagedAgentLines::message).toList();
        assertThat(messages).noneMatch(line -> line.contains("app second") || line.contains("Exception"));
    }

    private static String config(Path socket, String word, String extra) {
        return """
                {
                  control: { socket: "%s" },
                  jobs: [
                    { name: "app", exec: ["sh", "-c", "echo app %s; exec sleep 60"] },
                  ],
                %s
                }
                """.formatted(socket, word, extra);
    }
}
