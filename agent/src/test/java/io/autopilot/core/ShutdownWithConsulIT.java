package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.process.Child;
import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.ExitStatus;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.autopilot.process.Spawner;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to the packaged agent while it talks to Consul: registrations, watches, a template and telemetry (which
 * registers too) are all stopped and their clients closed while requests, retries and blocking queries are still
 * pending. Whenever the TERM comes, nothing may escape as an unhandled exception or an internal error. The agent is
 * spawned with our spawner, as in {@link ConsulRegistrationIT}.
 */
@RealConsul
class ShutdownWithConsulIT {
    @TempDir
    Path dir;

    @Test
    void stopsCleanlyWhileItsServicesAreBeingRegistered(ConsulAgent consul) throws Exception {
        Agent agent = start(consul);
        agent.await("started 1 job");

        agent.terminate();

        agent.assertStoppedCleanly();
    }

    @Test
    void stopsCleanlyWhileBlockingQueriesAreInFlight(ConsulAgent consul) throws Exception {
        Agent agent = start(consul);
        // Rendered: the template's query has answered and blocks again; so has the watch's.
        agent.await("rendered " + dir.resolve("web.txt"));

        agent.terminate();

        agent.assertStoppedCleanly();
    }

    @Test
    void stopsCleanlyWhileConsulIsUnreachable(ConsulAgent consul) throws Exception {
        Agent agent = start(consul);
        agent.await("registering service web-");
        consul.stop();
        try {
            agent.await("is unreachable");

            agent.terminate();

            agent.assertStoppedCleanly();
        } finally {
            consul.restart();
        }
    }

    private Agent start(ConsulAgent consul) throws IOException {
        Files.writeString(dir.resolve("web.tmpl"), "{{ range service \"web\" }}{{ .Address }}:{{ .Port }}\n{{ end }}");
        Path config = Files.writeString(dir.resolve("agent.json5"), """
                {
                  consul: "%s",
                  control: { socket: "%s" },
                  jobs: [{
                    name: "web",
                    exec: ["sleep", "60"],
                    port: 8080,
                    interfaces: ["static:127.0.0.1"],
                    health: { exec: "true", interval: "100ms", ttl: 10 },
                  }],
                  watches: [{ name: "web", interval: 1 }, { name: "db", interval: 1 }],
                  templates: [{ name: "web", source: "%s", destination: "%s" }],
                  telemetry: { port: %d, interfaces: ["static:127.0.0.1"] },
                }
                """.formatted(consul.httpAddress(), dir.resolve("control.sock"), dir.resolve("web.tmpl"),
                dir.resolve("web.txt"), freePort()));
        return new Agent(config);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** The packaged agent, its output lines collected. */
    private static final class Agent {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Child child;

        Agent(Path config) {
            var request = SpawnRequest.of(List.of(PackagedAgent.LAUNCHER.toString(), "-config", config.toString()),
                    ChildEnvironment.fromAgent()).withStdout(Output.lines(lines::add))
                    .withStderr(Output.lines(lines::add));
            child = ((SpawnResult.Started) Spawner.system().spawn(request)).child();
        }

        void await(String text) {
            Eventually.until(() -> lines.stream().anyMatch(line -> line.contains(text)),
                    () -> "a line with \"" + text + "\" in " + lines);
        }

        void terminate() {
            ProcessHandle.of(child.pid()).orElseThrow().destroy();
        }

        void assertStoppedCleanly() throws Exception {
            ExitStatus exit = child.exit().get(30, TimeUnit.SECONDS);
            assertThat(lines).as("exit %s", exit).anyMatch(line -> line.contains("stopped: exit"));
            assertThat(lines).noneMatch(line -> line.contains("Unhandled exception"))
                    .noneMatch(line -> line.contains("internal error"))
                    .noneMatch(line -> line.contains("Exception in thread"));
        }
    }
}
