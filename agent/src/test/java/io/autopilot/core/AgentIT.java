package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged agent, not PID 1: exit codes, signals and shutdown as a container runtime sees them. */
class AgentIT {
    @TempDir
    Path dir;

    @Test
    void exitsWithTheCodeOfTheCommandAfterTheDoubleDash() throws Exception {
        PackagedAgent agent = PackagedAgent.start("--", "sh", "-c", "echo hello; exit 3");

        assertThat(agent.exitCode()).isEqualTo(3);
        assertThat(agent.lines).contains("hello");
    }

    @Test
    void aCommandKilledByTermGives143() throws Exception {
        assertThat(PackagedAgent.start("--", "sh", "-c", "kill -TERM $$").exitCode()).isEqualTo(143);
    }

    @Test
    void aCommandThatDoesNotExistGives127() throws Exception {
        assertThat(PackagedAgent.start("--", "/nonexistent/app").exitCode()).isEqualTo(127);
    }

    @Test
    void aConfigErrorPrintsEveryProblemAndGives1() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.json5"),
                "{ jobs: [ { name: \"a\", exec: \"true\", restarts: -1 }, { exec: \"true\" } ], bogus: 1 }");

        PackagedAgent agent = PackagedAgent.start("-config", config.toString());

        assertThat(agent.exitCode()).isEqualTo(1);
        assertThat(agent.lines).anyMatch(line -> line.contains("restarts"))
                .anyMatch(line -> line.contains("bogus"))
                .anyMatch(line -> line.contains("problems in the configuration"));
    }

    @Test
    void termToTheAgentStopsTheMainCommandAndExitsWithItsCode() throws Exception {
        PackagedAgent agent = PackagedAgent.start("--", "sh", "-c", "echo ready; exec sleep 60");
        agent.awaitLine("ready");

        agent.terminate();

        assertThat(agent.exitCode()).isEqualTo(143);
        assertThat(agent.lines).anyMatch(line -> line.endsWith("shutting down: received SIGTERM"));
    }

    @Test
    void termRunsPreStopThenStopsTheAppThenPostStopWithoutWaitingForTheStopTimeout() throws Exception {
        Path config = Files.writeString(dir.resolve("hooks.json5"), """
                {
                  stopTimeout: "60s",
                  jobs: [
                    { name: "app", exec: ["sh", "-c", "trap 'echo app stopping; exit 0' TERM; echo app ready;\
                 while :; do sleep 0.05; done"] },
                    { name: "prestop", exec: ["echo", "prestop ran"], when: { source: "app", once: "stopping" } },
                    { name: "poststop", exec: ["echo", "poststop ran"], when: { source: "app", once: "stopped" } },
                  ],
                }
                """);
        PackagedAgent agent = PackagedAgent.start("-config", config.toString());
        agent.awaitLine("app ready");
        long before = System.nanoTime();

        agent.terminate();

        assertThat(agent.exitCode()).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(20));
        assertThat(agent.lines.stream().map(PackagedAgentLines::message).toList()).containsSubsequence(
                "shutting down: received SIGTERM", "prestop ran", "app stopping", "poststop ran", "stopped: exit 0");
    }

    @Test
    void noDescendantOutlivesTheAgentNotEvenADaemonThatLeftItsGroup() throws Exception {
        Path pidFile = dir.resolve("daemon.pid");
        PackagedAgent agent = PackagedAgent.start("--", "sh", "-c",
                "setsid sh -c 'echo $$ > " + pidFile + "; exec sleep 300' & echo started; exec sleep 60");
        agent.awaitLine("started");
        Eventually.until(() -> Files.exists(pidFile) && !read(pidFile).isEmpty(), () -> "daemon pid written");
        long daemon = Long.parseLong(read(pidFile));
        assertThat(ProcessHandle.of(daemon)).isPresent();

        agent.terminate();

        assertThat(agent.exitCode()).isEqualTo(143);
        Eventually.until(() -> deadOrZombie(daemon), () -> "daemon " + daemon + " gone");
    }

    // Killed, it may stay a zombie for a moment: whoever adopts it after the agent exits reaps it when it can.
    private static boolean deadOrZombie(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.isEmpty() || stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
