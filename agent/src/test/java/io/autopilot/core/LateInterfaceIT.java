package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent and a real Consul in a network namespace of their own, with only {@code lo}: a job whose
 * {@code interfaces} names an interface that is not there yet runs, its service waits unregistered with the reason in
 * {@code -status} and in a metric, and is registered as soon as the interface comes up (made inside the namespace;
 * the host's interfaces are never touched). Root only, as the scenario tests are ({@code unshare}, {@code nsenter}).
 */
class LateInterfaceIT {
    private static final Duration SEARCH_BOUND = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private Process unshare;

    @AfterEach
    void endNamespace() throws InterruptedException {
        if (unshare != null) {
            // unshare ignores TERM while it waits; killed, it takes the namespace's PID 1 (--kill-child) and all in it.
            unshare.destroyForcibly();
            assertThat(unshare.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aServiceWaitsForItsInterfaceSaysWhyAndRegistersWhenItComesUp() throws Exception {
        String consul = Optional.ofNullable(System.getenv("CONSUL_BIN")).orElse("consul");
        Path socket = dir.resolve("control.sock");
        Path config = Files.writeString(dir.resolve("app.json5"), "{ consul: '127.0.0.1:8500',"
                + " control: { socket: '" + socket + "' }, telemetry: { port: 9090, interfaces: ['lo'] },"
                + " jobs: [{ name: 'app', exec: ['sleep', '600'], port: 8080, interfaces: ['eth9'],"
                + " health: { exec: 'true', interval: 1, ttl: 10 } }] }");
        unshare = new ProcessBuilder("unshare", "--net", "--pid", "--fork", "--kill-child", "--mount-proc",
                "/bin/sh", "-c", "ip link set lo up && \"$1\" agent -dev -bind 127.0.0.1 -client 127.0.0.1"
                        + " -dns-port -1 -grpc-port -1 >consul.log 2>&1 & exec \"$0\" -config \"$2\"",
                PackagedAgent.LAUNCHER.toAbsolutePath().toString(), consul, config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile())
                .start();
        Eventually.until(() -> Files.exists(socket), () -> "the control socket; " + log());
        long inner = innerPid();

        Eventually.until(() -> app().map(s -> s.getString("state").equals("no_address")).orElse(false),
                Duration.ofSeconds(60), () -> "app waiting for an address in -status; " + log());
        JsonObject waiting = app().orElseThrow();
        assertThat(waiting.getString("reason")).startsWith("no address matches the interfaces eth9:inet;")
                .contains("this machine has lo (");
        assertThat(waiting.getString("address")).isNull();
        Eventually.until(() -> run("nsenter", "-t", Long.toString(inner), "-n", "curl", "-s",
                        "http://127.0.0.1:9090/metrics").matches("(?s).*autopilot_service_waiting_for_address"
                        + "\\{service=\"app-[^\"]+\"} 1(\\.0)?\n.*"), Duration.ofSeconds(60),
                () -> "the metric at 1; " + log());
        // Consul answers and takes the agent's other registration (telemetry, on lo), but not the app's.
        Eventually.until(() -> inConsul(inner, "containerpilot").isPresent(), Duration.ofSeconds(60),
                () -> "telemetry registered; " + log());
        assertThat(inConsul(inner, "app")).isEmpty();

        // A bridge where the kernel has no dummy interfaces: any kind with an address will do.
        assertThat(run("nsenter", "-t", Long.toString(inner), "-n", "sh", "-c", "{ ip link add eth9 type dummy"
                + " 2>/dev/null || ip link add eth9 type bridge; } && ip addr add 10.9.9.9/24 dev eth9"
                + " && ip link set eth9 up && echo made")).endsWith("made\n");

        Eventually.until(() -> inConsul(inner, "app").map(s -> "10.9.9.9".equals(s.getString("Address")))
                .orElse(false), SEARCH_BOUND, () -> "app registered with 10.9.9.9; " + log());
        Eventually.until(() -> app().map(s -> "10.9.9.9".equals(s.getString("address"))
                && s.getString("reason") == null).orElse(false), () -> "the address in -status; " + log());
        assertThat(log()).contains("service app-").contains("has an address: 10.9.9.9");
    }

    /** The app's entry in {@code -status}'s services, if the agent answers. */
    private Optional<JsonObject> app() {
        String out = run(PackagedAgent.LAUNCHER.toString(), "-config", dir.resolve("app.json5").toString(),
                "-status");
        if (!out.startsWith("{")) {
            return Optional.empty();
        }
        JsonArray services = new JsonObject(out).getJsonArray("services", new JsonArray());
        return services.stream().map(JsonObject.class::cast).filter(s -> "app".equals(s.getString("job")))
                .findFirst();
    }

    /** The service {@code name} in the namespace's Consul, once it answers. */
    private static Optional<JsonObject> inConsul(long inner, String name) {
        String out = run("nsenter", "-t", Long.toString(inner), "-n", "curl", "-s",
                "http://127.0.0.1:8500/v1/agent/services");
        if (!out.strip().startsWith("{")) {
            return Optional.empty();
        }
        JsonObject services = new JsonObject(out);
        return services.fieldNames().stream().map(services::getJsonObject)
                .filter(service -> name.equals(service.getString("Service"))).findFirst();
    }

    /** The host pid of the namespace's PID 1: the child unshare forked. */
    private long innerPid() throws IOException {
        Path children = Path.of("/proc", Long.toString(unshare.pid()), "task", Long.toString(unshare.pid()),
                "children");
        return Long.parseLong(Files.readString(children).strip().split(" ")[0]);
    }

    private String log() {
        try {
            return "agent: " + Files.readString(dir.resolve("agent.log"));
        } catch (IOException e) {
            return "no log: " + e;
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            return out;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        }
    }
}
