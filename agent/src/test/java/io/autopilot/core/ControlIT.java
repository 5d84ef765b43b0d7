package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.core.PackagedAgent.ClientRun;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RawHttp;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged agent's control plane, driven by the packaged client commands as an operator or a health check would. */
class ControlIT {
    @TempDir
    Path dir;

    private Path socket;
    private Path config;

    /** What one client command printed and how it exited. */
    private PackagedAgent start() throws IOException {
        return start("");
    }

    /** The agent with its two jobs, and {@code more} top-level keys. */
    private PackagedAgent start(String more) throws IOException {
        socket = dir.resolve("control.sock");
        config = Files.writeString(dir.resolve("control.json5"), """
                {
                  control: { socket: "%s" },
                  jobs: [
                    { name: "app", exec: ["sh", "-c", "echo app running; exec sleep 60"] },
                    { name: "hook", exec: ["sh", "-c", "echo hook sees FOO=$FOO"],
                      when: { source: "global", once: "enterMaintenance" } },
                  ],
                  %s
                }
                """.formatted(socket, more));
        PackagedAgent agent = PackagedAgent.start("-config", config.toString());
        agent.awaitLine("control: serving at " + socket);
        return agent;
    }

    private ClientRun client(String... args) throws Exception {
        return client(Map.of(), args);
    }

    private ClientRun client(Map<String, String> environment, String... args) throws Exception {
        return PackagedAgent.client(config, environment, args);
    }

    private JsonObject job(String name) throws Exception {
        ClientRun status = client("-status");
        assertThat(status.code()).as(status.out()).isZero();
        return new JsonObject(status.out()).getJsonArray("jobs").stream().map(JsonObject.class::cast)
                .filter(job -> job.getString("name").equals(name)).findFirst().orElseThrow();
    }

    @Test
    void pingPutenvAndMaintenanceWorkAsInContainerPilot() throws Exception {
        PackagedAgent agent = start();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");

        assertThat(client("-ping")).isEqualTo(new ClientRun(0, "ok\n"));
        assertThat(client("-putenv", "FOO=bar").code()).isZero();
        assertThat(client("-maintenance", "enable").code()).isZero();

        agent.awaitLine("hook sees FOO=bar");
        agent.terminate();
        agent.exitCode();
        assertThat(socket).doesNotExist();
    }

    @Test
    void aClientCommandLoadsNoClassOfVertxNettyJacksonDatabindOrTypesafeConfig() throws Exception {
        PackagedAgent agent = start();
        Path loaded = dir.resolve("classes.log");
        ClientRun ping = client(Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + loaded), "-putmetric",
                "hits=1");
        assertThat(ping.code()).as(ping.out()).isZero();
        List<String> classes = Files.readAllLines(loaded).stream().map(line -> line.split(" ")[1]).toList();
        assertThat(classes).contains("io.autopilot.control.ControlClient")
                .noneMatch(name -> name.startsWith("io.vertx.") || name.startsWith("io.netty.")
                        || name.startsWith("com.fasterxml.jackson.databind.") || name.startsWith("com.typesafe."));
        agent.terminate();
        agent.exitCode();
    }

    @Test
    void statusShowsTheJobsAndAJobIsStoppedAndStartedOnRequest() throws Exception {
        PackagedAgent agent = start();
        agent.awaitLine("app running");
        JsonObject app = job("app");
        assertThat(app.getString("state")).isEqualTo("running");
        assertThat(app.getInteger("pid")).isPositive();
        assertThat(job("hook").getString("state")).isEqualTo("waiting");

        ClientRun stop = client("-job", "app", "-stop");
        assertThat(stop.code()).as(stop.out()).isZero();
        Eventually.until(() -> state("app").equals("held"), () -> "app held");
        assertThat(client("-job", "app", "-start").code()).isZero();
        Eventually.until(() -> agent.lines.stream().filter(line -> line.contains("app running")).count() == 2,
                () -> "app running again: " + agent.lines);

        ClientRun unknown = client("-job", "nope", "-restart");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.out()).contains("404").contains("no job named \"nope\"");
        agent.terminate();
        agent.exitCode();
    }

    @Test
    void aBodyNestedAThousandDeepIsAnswered422AtOnceOnTheAgentsSmallStacks() throws Exception {
        PackagedAgent agent = start();
        String nested = "{\"signal\":".repeat(1000) + "1" + "}".repeat(1000);

        RawHttp.Answer answer = RawHttp.exchange(socket, "POST /v3/jobs/app/signal HTTP/1.1\r\nContent-Length: "
                + nested.length() + "\r\n\r\n" + nested, false, Duration.ofSeconds(5));

        assertThat(answer.status()).as(answer.text()).isEqualTo(422);
        assertThat(answer.body()).contains("nothing in a body is nested");
        assertThat(client("-ping").code()).isZero();
        agent.terminate();
        agent.exitCode();
    }

    @Test
    void aReloadIsAnsweredToAClientThatHalfClosedItsSide() throws Exception {
        PackagedAgent agent = start();

        RawHttp.Answer answer = RawHttp.exchange(socket, "POST /v3/reload HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
                true, Duration.ofSeconds(PackagedAgent.TIMEOUT_SECONDS));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.body()).startsWith("reloaded");
        assertThat(answer.closed()).isTrue();
        agent.terminate();
        agent.exitCode();
    }

    @Test
    void reloadPrintsWhatItStartedRestartedAndStoppedOrThatNothingChanged() throws Exception {
        PackagedAgent agent = start();
        agent.awaitLine("app running");
        assertThat(client("-reload")).isEqualTo(new ClientRun(0, "reloaded: nothing changed\n"));

        Files.writeString(config, """
                {
                  control: { socket: "%s" },
                  jobs: [
                    { name: "app", exec: ["sh", "-c", "echo app running again; exec sleep 60"] },
                    { name: "extra", exec: ["sh", "-c", "echo extra running; exec sleep 60"] },
                  ],
                }
                """.formatted(socket));
        assertThat(client("-reload"))
                .isEqualTo(new ClientRun(0, "reloaded: started extra; restarted app; stopped hook\n"));
        agent.awaitLine("extra running");
        agent.terminate();
        agent.exitCode();
    }

    @Test
    void putmetricExits1WithTheReasonForAValueThatIsNotFiniteAndTheCounterKeepsItsValue() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        PackagedAgent agent = start("""
                telemetry: { port: %d, interfaces: ["static:127.0.0.1"],
                             metrics: [{ name: "hits", type: "counter" }, { name: "latency", type: "histogram" }] },
                """.formatted(port));
        agent.awaitLine("telemetry: serving");

        for (String value : List.of("hits=Infinity", "hits=1e400", "hits=NaN", "latency=NaN", "latency=-Infinity")) {
            ClientRun refused = client("-putmetric", value);
            assertThat(refused.code()).as(value).isEqualTo(1);
            assertThat(refused.out()).as(value).contains("-putmetric: the agent answered 422: the value of metric ")
                    .contains(" is not a finite number: \"" + value.substring(value.indexOf('=') + 1) + "\"");
        }
        assertThat(client("-putmetric", "hits=-1").out()).contains("422: metric hits: a counter only grows");
        assertThat(client("-putmetric", "hits=2").code()).isZero();

        HttpClient http = HttpClient.newHttpClient();
        Eventually.until(() -> metrics(http, port).contains("hits 2.0"), () -> metrics(http, port));
        assertThat(metrics(http, port)).contains("latency_count 0");
        agent.terminate();
        agent.exitCode();
    }

    private static String metrics(HttpClient http, int port) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String state(String job) {
        try {
            return job(job).getString("state");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
