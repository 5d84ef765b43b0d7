package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.core.PackagedAgent.ClientRun;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Last-known-good data with the packaged agent and a real Consul: a first agent saves what its template and watch
 * acted on; a second, started while Consul is down, renders the file and publishes the watch's result from that
 * data at once, so the job waiting for the file starts, and says so (log, the watch's job environment,
 * {@code -status}, {@code autopilot_last_known_good}); once Consul is back with other data, it moves to it.
 */
@RealConsul
class LastKnownGoodIT {
    /** How soon the second agent must render from saved data: Consul refuses at once, so this is all start-up. */
    private static final Duration PROMPTLY = Duration.ofSeconds(20);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void startsFromSavedDataWhileConsulIsDownThenMovesToConsulsAnswers(ConsulAgent consul) throws Exception {
        consul.api().putKey("app/port", "8081");
        consul.api().registerTtlService("web-1", "web", 9001, "passing");
        int metricsPort = freePort();
        Path config = config(consul, metricsPort);
        Path state = dir.resolve("state");
        Path rendered = dir.resolve("app.conf");

        PackagedAgent first = PackagedAgent.start("-config", config.toString());
        try {
            Eventually.until(() -> Files.exists(state.resolve("template.app.json"))
                    && Files.exists(state.resolve("watch.config.json")), () -> "saved files in " + first.lines);
            Eventually.until(() -> Files.exists(dir.resolve("app.started"))
                    && read(dir.resolve("changes.txt")).contains("saved="), () -> "the jobs ran: " + first.lines);
            assertThat(Files.readString(rendered)).isEqualTo("port=8081\n127.0.0.1:9001\n");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    state.resolve("template.app.json")))).isEqualTo("rw-------");
            assertThat(Files.readString(state.resolve("template.app.json"))).contains("8081", "web-1");
        } finally {
            first.terminate();
            first.exitCode();
        }
        Files.delete(rendered);
        Files.delete(dir.resolve("app.started"));
        Files.delete(dir.resolve("changes.txt"));
        consul.stop();

        PackagedAgent second = PackagedAgent.start("-config", config.toString());
        try {
            long started = System.nanoTime();
            Eventually.until(() -> Files.exists(dir.resolve("app.started")), PROMPTLY,
                    () -> "the app started from the saved render: " + second.lines);
            System.err.printf("last-known-good: app started %d ms after the agent, Consul down%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(Files.readString(rendered)).isEqualTo("port=8081\n127.0.0.1:9001\n");
            second.awaitLine("from last-known-good data saved at");
            Eventually.until(() -> read(dir.resolve("changes.txt")).contains("saved=20"),
                    () -> "the watch's job told of saved data: " + read(dir.resolve("changes.txt")));
            assertThat(entry(config, "templates", "app").getString("data")).isEqualTo("saved");
            assertThat(entry(config, "templates", "app").getLong("savedAgeSeconds")).isNotNegative();
            assertThat(entry(config, "watches", "config").getString("data")).isEqualTo("saved");
            assertThat(metrics(metricsPort)).contains("autopilot_last_known_good{source=\"template.app\"} 1",
                    "autopilot_last_known_good{source=\"watch.config\"} 1");

            consul.restart();
            consul.api().putKey("app/port", "8082");
            consul.api().registerTtlService("web-1", "web", 9001, "passing");

            Eventually.until(() -> read(rendered).equals("port=8082\n127.0.0.1:9001\n"),
                    () -> "rendered from Consul again: " + read(rendered) + " " + second.lines);
            Eventually.until(() -> metrics(metricsPort).contains(
                    "autopilot_last_known_good{source=\"template.app\"} 0"), () -> metrics(metricsPort));
            assertThat(entry(config, "templates", "app").getString("data")).isEqualTo("live");
            Eventually.until(() -> read(dir.resolve("changes.txt")).lines().anyMatch(line -> line.equals("saved=")),
                    () -> "the watch's job told of Consul's own data: " + read(dir.resolve("changes.txt")));
            assertThat(entry(config, "watches", "config").getString("data")).isEqualTo("live");
            Eventually.until(() -> read(state.resolve("template.app.json")).contains("8082"),
                    () -> "Consul's new answer saved: " + read(state.resolve("template.app.json")));
        } finally {
            second.terminate();
            second.exitCode();
        }
    }

    private Path config(ConsulAgent consul, int metricsPort) throws IOException {
        Path template = Files.writeString(dir.resolve("app.tmpl"),
                "port={{ key \"app/port\" }}\n{{ range service \"web\" }}{{ .Address }}:{{ .Port }}\n{{ end }}");
        return Files.writeString(dir.resolve("agent.json5"), """
                {
                  consul: "%s",
                  lastKnownGood: "state",
                  control: { socket: "%s" },
                  jobs: [
                    { name: "app", exec: ["sh", "-c", "touch %s; exec sleep 60"],
                      when: { source: "template.app", once: "rendered" } },
                    { name: "on-config", exec: ["sh", "-c", "echo saved=$CONTAINERPILOT_WATCH_SAVED_AT >> %s"],
                      when: { source: "watch.config", each: "changed" } },
                  ],
                  watches: [{ name: "config", key: "app/port", interval: 1 }],
                  templates: [{ name: "app", source: "%s", destination: "app.conf" }],
                  telemetry: { port: %d, interfaces: ["static:127.0.0.1"] },
                }
                """.formatted(consul.httpAddress(), dir.resolve("control.sock"), dir.resolve("app.started"),
                dir.resolve("changes.txt"), template, metricsPort));
    }

    private static JsonObject entry(Path config, String section, String name) throws Exception {
        ClientRun status = PackagedAgent.client(config, Map.of(), "-status");
        assertThat(status.code()).as(status.out()).isZero();
        return new JsonObject(status.out()).getJsonArray(section).stream().map(JsonObject.class::cast)
                .filter(entry -> entry.getString("name").equals(name)).findFirst().orElseThrow();
    }

    private String metrics(int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
