package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code autopilot -- COMMAND} as PID 1 is a drop-in for {@code tini --}: the command reads the container's stdin,
 * and under a terminal ({@code docker run -it}) it is the terminal's foreground process group, so it can read what
 * is typed and gets the terminal's signals.
 */
@ExtendWith(PidOneScenarios.class)
class TerminalIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern GROUPS = Pattern.compile("pgrp=(\\d+) tpgid=(-?\\d+)");

    @Test
    void theCommandAfterTheDoubleDashReadsTheAgentsStdin(Scenario scenario) throws Exception {
        Process agent = start(scenario, asPidOne("--", "cat"));
        try (OutputStream stdin = agent.getOutputStream()) {
            stdin.write("first line\nsecond line\n".getBytes(StandardCharsets.UTF_8));
        }
        List<String> output = new String(agent.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();

        assertThat(agent.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the agent exited; output: %s", output)
                .isTrue();
        assertThat(output).as("cat copied its stdin").contains("first line", "second line");
        assertThat(agent.exitValue()).as("cat's exit code; output: %s", output).isZero();
    }

    @Test
    void underATerminalTheCommandIsTheForegroundProcessGroupAndReadsWhatIsTyped(Scenario scenario)
            throws Exception {
        Path reader = scenario.config("terminal-reader.sh");
        // script(1) runs the agent on a new pseudo-terminal, its controlling terminal, and copies our pipe to it.
        Process terminal = start(scenario, List.of("script", "-qec",
                String.join(" ", asPidOne("--", "sh", reader.toString())), "/dev/null"));
        Lines output = new Lines(terminal);

        Matcher groups = output.await(GROUPS);
        assertThat(groups.group(2)).as("the terminal's foreground group is the command's; output: %s", output)
                .isEqualTo(groups.group(1));
        try (OutputStream typed = terminal.getOutputStream()) {
            typed.write("typed at the terminal\n".getBytes(StandardCharsets.UTF_8));
            typed.flush();
            output.await(Pattern.compile("read:typed at the terminal"));
        }
        assertThat(terminal.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the agent exited; output: %s", output)
                .isTrue();
        assertThat(terminal.exitValue()).as("the command's exit code; output: %s", output).isZero();
    }

    private static List<String> asPidOne(String... args) {
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", "--uts",
                Path.of(System.getProperty("autopilot.dist"), "bin", "autopilot").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private static Process start(Scenario scenario, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(scenario.file(".").toFile());
        builder.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        // The agent is a descendant: SIGKILL to it, the namespace's PID 1, ends every process of the namespace.
        scenario.onClose(() -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        return process;
    }

    /** Collects a process's output lines as they come, for waiting on one of them. */
    private static final class Lines {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        Lines(Process process) {
            Thread.ofPlatform().daemon().start(() -> {
                try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line.strip());
                    }
                } catch (IOException e) {
                    lines.add("(output lost: " + e + ")");
                }
            });
        }

        Matcher await(Pattern pattern) {
            Matcher[] found = new Matcher[1];
            Eventually.until(() -> lines.stream().map(pattern::matcher).filter(Matcher::find).findFirst()
                    .map(m -> found[0] = m).isPresent(), WAIT, () -> "a line matching " + pattern + " in " + lines);
            return found[0];
        }

        @Override
        public String toString() {
            return lines.toString();
        }
    }
}
