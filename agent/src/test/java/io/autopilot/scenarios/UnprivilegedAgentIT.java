package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The agent as PID 1 without root: an image whose Dockerfile says {@code USER nobody}. */
@RealConsul
@ExtendWith(PidOneScenarios.class)
class UnprivilegedAgentIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CONFIG = "runsAsNobodyEverythingThatNeedsNoPrivilegeAndRefusesOtherUsers.json5";

    @TempDir
    Path socketDir;

    @Test
    void runsAsNobodyEverythingThatNeedsNoPrivilegeAndRefusesOtherUsers(Scenario scenario, ConsulAgent consul)
            throws Exception {
        openToEveryone(scenario.file("."));
        openToEveryone(socketDir);
        int telemetry = freePort();
        var variables = Map.of("CONSUL", consul.httpAddress(), "SOCKET_DIR", socketDir.toString(),
                "TELEMETRY_PORT", Integer.toString(telemetry));
        variables.forEach(scenario::env);
        PidOneAgent agent = scenario.startAsNobody("-config", scenario.config(CONFIG).toString());

        agent.await("web registered and passing", WAIT, () -> consul.api().get("/v1/health/service/web?passing")
                .array().size() == 1);
        assertThat(Files.readString(Path.of("/proc/" + agent.pid() + "/status"))).contains("Uid:\t65534\t65534");
        assertThat(scenario.lines("web.id")).containsExactly("65534");
        agent.await("the job as itself", WAIT, () -> !scenario.lines("itself.id").isEmpty());
        assertThat(scenario.lines("itself.id")).containsExactly("65534 nobody /nonexistent");
        agent.await("the refusal", WAIT, () -> agent.stdout().contains("other could not start: cannot run as user"
                + " \"root\" (uid 0, gid 0): the agent runs as uid 65534 without CAP_SETUID and CAP_SETGID"));

        Path socket = socketDir.resolve("control.sock");
        assertThat(Files.getOwner(socket).getName()).isEqualTo("nobody");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        assertThat(clientAsNobody(scenario, variables, "-ping")).isEqualTo(0);
        var metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + telemetry + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);

        agent.signal(Signal.TERM);
        agent.awaitExit(WAIT);
        assertThat(consul.api().get("/v1/catalog/service/web").array()).as("deregistered on the way out").isEmpty();
    }

    @Test
    void refusesAControlSocketItCannotWriteWithAClearMessage(Scenario scenario) {
        PidOneAgent agent = scenario.startAsNobody("-config",
                scenario.config("refusesAControlSocketItCannotWriteWithAClearMessage.json5").toString());

        // Its exit code as the agent logs it: with this class's Consul, the test JVM runs the agent's own reaper, and
        // beside it Process.exitValue() may read 0 (DESIGN §3).
        agent.await("the agent to stop", WAIT, () -> agent.stdout().contains("stopped: exit 1"));
        assertThat(agent.stdout()).contains("cannot serve at /etc/control.sock: cannot create a file in"
                + " /etc (permission denied to the agent's user, uid 65534): set control.socket to a path in a"
                + " folder that user can write");
    }

    private static int clientAsNobody(Scenario scenario, Map<String, String> variables, String command)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
                scenario.launcher().toString(), "-config", scenario.config(CONFIG).toString(), command)
                .redirectErrorStream(true);
        builder.environment().putAll(variables);
        Process client = builder.start();
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(30, TimeUnit.SECONDS)).as(out).isTrue();
        return client.exitValue();
    }

    private static void openToEveryone(Path folder) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
