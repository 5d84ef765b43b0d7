package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.scenarios.PidOneScenarios;
import io.autopilot.scenarios.Scenario;
import io.autopilot.testing.docker.HostCommand;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control socket against an unprivileged user of the same machine (or container): at the default mode,
 * {@code nobody} can neither connect nor change anything, whether it comes through {@code setpriv} or
 * {@code runuser}; once the mode lets it in, the same request is answered, so the refusals came from the mode.
 */
@ExtendWith(PidOneScenarios.class)
class SocketPermissionsFaultsIT {
    private static final List<List<String>> AS_NOBODY = List.of(
            List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"),
            List.of("runuser", "-u", "nobody", "--"));
    /** What an intruder would try: each changes the agent but the first. */
    private static final List<List<String>> REQUESTS = List.of(List.of("GET", "/v3/ping", ""),
            List.of("POST", "/v3/environ", "{\"INTRUDER\":\"1\"}"), List.of("POST", "/v3/reload", ""),
            List.of("POST", "/v3/maintenance/enable", ""), List.of("POST", "/v3/jobs/app/stop", ""),
            List.of("POST", "/v3/metric", "{\"intruder\":1}"));

    @Test
    void nobodyIsRefusedEveryRequestAtTheDefaultModeAndAnsweredOnlyOnceTheModeAllowsIt(Scenario scenario)
            throws Exception {
        ControlPlaneAgent control = ControlPlaneAgent.start(scenario);
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(control.socket));
        List<String> reached = new ArrayList<>();
        int tried = 0;
        for (List<String> user : AS_NOBODY) {
            for (List<String> request : REQUESTS) {
                tried++;
                HostCommand.Result curl = curl(user, control, request);
                if (curl.code() == 0 || !curl.out().strip().endsWith("000")) {
                    reached.add(user.getFirst() + " " + request + ": " + curl);
                }
            }
        }
        JsonObject app = new JsonObject(control.client.send("GET", "/v3/status", "").body()).getJsonArray("jobs")
                .getJsonObject(0);

        Files.setPosixFilePermissions(control.socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        HostCommand.Result allowed = curl(AS_NOBODY.getFirst(), control, REQUESTS.getFirst());

        FaultRuns.report("control-socket-permissions", "socket mode %s; requests as nobody %d (setpriv, runuser),"
                + " reached the agent %d; at mode rw-rw-rw- nobody's ping got %s", mode, tried, reached.size(),
                allowed.out().strip());
        assertThat(mode).as("the default mode").isEqualTo("rw-------");
        assertThat(reached).as("requests of nobody's that reached the agent").isEmpty();
        assertThat(app.getString("state")).as("app, which nobody tried to stop: %s", app).isEqualTo("running");
        assertThat(allowed.out().strip()).as("nobody at mode 0666: the probe itself works").isEqualTo("200");
        assertThat(control.agent.isRunning()).isTrue();
    }

    /** {@code curl} as {@code user}: prints the status last (000: no answer); exits non-zero if it cannot connect. */
    private static HostCommand.Result curl(List<String> user, ControlPlaneAgent control, List<String> request) {
        List<String> command = new ArrayList<>(user);
        command.addAll(List.of("curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--unix-socket",
                control.socket.toString(), "-X", request.get(0), "--data-binary", request.get(2),
                "http://localhost" + request.get(1)));
        return HostCommand.in(Path.of("/")).run(Duration.ofSeconds(30), command);
    }
}
