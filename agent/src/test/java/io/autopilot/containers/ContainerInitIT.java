package io.autopilot.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.docker.ContainerTest;
import io.autopilot.testing.docker.Docker;
import io.autopilot.testing.docker.HostCommand;
import io.autopilot.testing.docker.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent as PID 1 of a real container: what {@code docker stop}, {@code docker kill -s}, {@code docker
 * exec} and {@code --read-only} do to it, seen as Docker reports it (exit status, logs, the container's processes).
 * Each container runs without a network ({@code --network none}: nothing here talks to it but the Docker client) and
 * is removed after its test.
 */
@ContainerTest
class ContainerInitIT {
    private static final String IMAGE = "autopilot-test-init";
    private static final AtomicInteger CONTAINERS = new AtomicInteger();

    @TempDir
    Path configs;

    private final List<String> started = new ArrayList<>();

    @BeforeAll
    static void buildTheImage() {
        Docker.build(IMAGE, "agent/src/test/docker/Dockerfile",
                Map.of(Images.DEBIAN.variable(), Images.DEBIAN.image()));
    }

    @AfterEach
    void removeContainers() {
        for (String container : started) {
            Docker.docker(Docker.CALL, "rm", "-f", "-v", container).orFail();
        }
    }

    @Test
    void dockerStopEndsTheAgentWithTheMainJobsExitStatusWellWithinTheGrace() throws IOException {
        String container = run(List.of(), """
                {
                  jobs: [
                    { name: "main", main: true,
                      exec: ["sh", "-c", "trap 'echo main got TERM; exit 3' TERM; echo main ready; while :; do sleep 1 & wait $!; done"] },
                    // Ends later than main (SIGTERM kills it: 143), so the exit status shows which job counts.
                    { name: "sidecar", exec: ["sh", "-c", "trap 'sleep 0.5; exit 143' TERM; while :; do sleep 1 & wait $!; done"] },
                  ],
                }""");
        awaitLog(container, "main ready");

        long before = System.nanoTime();
        Docker.docker(Duration.ofSeconds(60), "stop", "-t", "30", container).orFail();
        Duration took = Duration.ofNanos(System.nanoTime() - before);

        assertThat(Docker.inspect(container, "{{.State.ExitCode}}")).as("the main job's exit status").isEqualTo("3");
        assertThat(logs(container)).contains("main got TERM");
        assertThat(took).as("docker stop returned when the agent exited, not at its 30 s grace")
                .isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void dockerKillHupStartsItsJobAndUsr1ReopensTheLogFile() {
        String log = "/var/log/autopilot.log";
        String container = run(List.of(), """
                {
                  logging: { output: "%s" },
                  jobs: [
                    { name: "main", main: true, exec: ["sleep", "1000"] },
                    { name: "on-hup", exec: ["sh", "-c", "echo on-hup ran"], when: { source: "SIGHUP" } },
                  ],
                }""".formatted(log));
        Eventually.until(() -> fileInContainer(container, log).contains("started 2 jobs"), Duration.ofSeconds(30),
                () -> "the agent logs to " + log + ": " + fileInContainer(container, log) + logs(container));

        Docker.dockerOk("kill", "-s", "HUP", container);
        Eventually.until(() -> count(fileInContainer(container, log), "on-hup ran") == 1, Duration.ofSeconds(10),
                () -> "one run of on-hup after one HUP: " + fileInContainer(container, log));
        Docker.dockerOk("kill", "-s", "HUP", container);
        Eventually.until(() -> count(fileInContainer(container, log), "on-hup ran") == 2, Duration.ofSeconds(10),
                () -> "two runs of on-hup after two HUPs: " + fileInContainer(container, log));

        // Log rotation: the file is moved away, USR1 makes the agent open the path anew.
        Docker.exec(container, "mv", log, log + ".1").orFail();
        Docker.dockerOk("kill", "-s", "USR1", container);
        Eventually.until(() -> Docker.exec(container, "test", "-f", log).ok(), Duration.ofSeconds(10),
                () -> "USR1 makes the agent create " + log + " again");
        Docker.dockerOk("kill", "-s", "HUP", container);
        Eventually.until(() -> fileInContainer(container, log).contains("on-hup ran"), Duration.ofSeconds(10),
                () -> "the third run is logged to the new file: " + fileInContainer(container, log));

        assertThat(count(fileInContainer(container, log + ".1"), "on-hup ran")).as("the rotated file").isEqualTo(2);
        assertThat(Docker.inspect(container, "{{.State.Running}}")).as("HUP and USR1 do not stop it").isEqualTo("true");
    }

    @Test
    void orphansLeftByDockerExecAreReapedAtOnceThoughTheAgentRunsNoJob() {
        String container = run(List.of(), "{ jobs: [] }");
        awaitLog(container, "started with no jobs");

        // Each ( ... ) & is a shell that docker exec's sh leaves behind: orphaned, it goes to the container's PID 1.
        Docker.exec(container, "sh", "-c",
                "for i in 1 2 3 4 5; do (sleep 1; grep PPid /proc/self/status > /tmp/orphan-$i) & done").orFail();

        Eventually.until(() -> Docker.exec(container, "sh", "-c", "cat /tmp/orphan-* | grep -c '^PPid:.1$'")
                .out().strip().equals("5"), Duration.ofSeconds(10),
                () -> "five orphans ran as children of PID 1: "
                        + Docker.exec(container, "sh", "-c", "cat /tmp/orphan-*").out());
        Eventually.until(() -> zombies(container).isEmpty(), Duration.ofSeconds(2),
                () -> "no zombie is left in the container: " + zombies(container));
        Eventually.holdsFor(Duration.ofMillis(500), () -> zombies(container).isEmpty(),
                () -> "no zombie comes back: " + zombies(container));
    }

    @Test
    void aReadOnlyRootFileSystemWithATmpfsForTheSocketRunsTheAgentAndItsClient() {
        String container = run(List.of("--read-only", "--tmpfs", "/var/run"), """
                {
                  jobs: [ { name: "main", main: true, exec: ["sh", "-c", "echo main ready; exec sleep 1000"] } ],
                }""");
        awaitLog(container, "main ready");

        assertThat(Docker.exec(container, "touch", "/opt/autopilot/written").ok()).as("the root is read-only")
                .isFalse();
        HostCommand.Result status = Docker.exec(container, "/opt/autopilot/bin/autopilot",
                "-config", "/etc/autopilot/autopilot.json5", "-status");
        assertThat(status.code()).as("-status over the socket on the tmpfs: %s", status).isZero();
        assertThat(status.out()).contains("\"name\" : \"main\"", "\"state\" : \"running\"");

        Docker.docker(Duration.ofSeconds(60), "stop", "-t", "30", container).orFail();
        assertThat(Docker.inspect(container, "{{.State.ExitCode}}")).as("sleep killed by the agent's SIGTERM")
                .isEqualTo("143");
        assertThat(logs(container)).as("nothing wanted to write to the root file system")
                .doesNotContainIgnoringCase("read-only file system");
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** Starts a container of the image with {@code config} as /etc/autopilot/autopilot.json5; its name. */
    private String run(List<String> flags, String config) {
        String name = "autopilot-init-" + ProcessHandle.current().pid() + "-" + CONTAINERS.incrementAndGet();
        Path folder = configs.resolve(name);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("autopilot.json5"), config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<String> arguments = new ArrayList<>(List.of("run", "-d", "--name", name, "--network", "none",
                "-v", folder + ":/etc/autopilot:ro"));
        arguments.addAll(flags);
        arguments.addAll(List.of(IMAGE, "-config", "/etc/autopilot/autopilot.json5"));
        started.add(name);
        Docker.dockerOk(arguments.toArray(String[]::new));
        return name;
    }

    private static void awaitLog(String container, String text) {
        Eventually.until(() -> logs(container).contains(text), Duration.ofSeconds(30),
                () -> container + " logs \"" + text + "\":\n" + logs(container));
    }

    private static String logs(String container) {
        HostCommand.Result logs = Docker.docker(Docker.CALL, "logs", container);
        return logs.out() + logs.err();
    }

    private static String fileInContainer(String container, String path) {
        return Docker.exec(container, "cat", path).out();
    }

    private static int count(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }

    /** The container's zombie processes, as "pid (name)". */
    private static List<String> zombies(String container) {
        String stats = Docker.exec(container, "sh", "-c", "cat /proc/[0-9]*/stat 2>/dev/null").out();
        return stats.lines().filter(line -> line.substring(line.lastIndexOf(')') + 1).strip().startsWith("Z"))
                .map(line -> line.substring(0, line.lastIndexOf(')') + 1)).toList();
    }
}
