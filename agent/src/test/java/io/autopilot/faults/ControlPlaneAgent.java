package io.autopilot.faults;

import io.autopilot.control.ControlClient;
import io.autopilot.control.ControlException;
import io.autopilot.scenarios.PidOneAgent;
import io.autopilot.scenarios.Scenario;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The packaged agent as PID 1 with its control socket where the host can reach it: in a folder of its own under
 * {@code /tmp} that anyone may enter (so a refusal comes from the socket's own mode, and the path stays well within a
 * socket's 106 bytes), removed when the scenario ends. Its one job, {@code app}, sleeps.
 */
final class ControlPlaneAgent {
    private static final String CONFIG = """
            {
              control: { socket: "{{ .SOCKET }}" },
              jobs: [{ name: "app", exec: ["sleep", "600"] }],
            }
            """;

    final PidOneAgent agent;
    final Path socket;
    final ControlClient client;

    private ControlPlaneAgent(PidOneAgent agent, Path socket) {
        this.agent = agent;
        this.socket = socket;
        this.client = new ControlClient(socket, Duration.ofSeconds(10));
    }

    static ControlPlaneAgent start(Scenario scenario) throws IOException {
        Path folder = Files.createTempDirectory(Path.of("/tmp"), "faults",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask
        Path socket = folder.resolve("control.sock");
        scenario.onClose(() -> delete(folder));
        Path config = Files.writeString(scenario.file("agent.json5"), CONFIG);
        PidOneAgent agent = scenario.env("SOCKET", socket.toString()).start("-config", config.toString());
        agent.await("the control plane to serve", Duration.ofSeconds(20),
                () -> agent.stdout().contains("control: serving at " + socket));
        return new ControlPlaneAgent(agent, socket);
    }

    /** Whether the agent answers {@code /v3/ping} with 200. */
    boolean answersPing() {
        try {
            return client.send("GET", "/v3/ping", "").status() == 200;
        } catch (ControlException e) {
            return false;
        }
    }

    private static void delete(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
