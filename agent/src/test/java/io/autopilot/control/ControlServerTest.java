package io.autopilot.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.events.Event;
import io.vertx.core.json.JsonObject;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control server over a real Unix socket, asked by the real client the CLI uses. */
class ControlServerTest {
    @TempDir
    Path dir;

    private Path socket() {
        return dir.resolve("control.sock");
    }

    @Test
    void pingAnswersAnyMethodWithANewlineAsContainerPilot() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(fixture.send("GET", "/v3/ping", "")).isEqualTo(new ControlClient.Response(200, "\n"));
            assertThat(fixture.send("POST", "/v3/ping", "")).isEqualTo(new ControlClient.Response(200, "\n"));
            assertThat(fixture.log.leveled()).contains("INFO control: serving at " + socket());
        }
    }

    @Test
    void everyAnswerIsCountedByRouteWithUnknownPathsAndJobsFoldedTogether() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            fixture.send("GET", "/v3/ping", "");
            fixture.send("POST", "/v3/environ", "not json");
            fixture.send("GET", "/v3/no-such-route-" + System.nanoTime(), "");
            fixture.send("POST", "/v3/jobs/no-such-job/start", "");

            assertThat(fixture.answers).containsExactly("/v3/ping 200", "/v3/environ 422", "other 404",
                    "/v3/jobs 404");
        }
    }

    @Test
    void theSocketIsOwnerOnlyAndRemovedOnStop() throws Exception {
        var fixture = new ControlFixture(socket()).started();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket()))).isEqualTo("rw-------");
        assertThat(Files.list(dir).toList()).containsExactly(socket());

        fixture.close();

        assertThat(socket()).doesNotExist();
        assertThat(Files.list(dir).toList()).isEmpty();
    }

    @Test
    void aConfiguredModeIsApplied() throws Exception {
        try (var fixture = new ControlFixture(new ControlConfig(socket().toString(), 0660)).started()) {
            assertThat(fixture.server.socket()).isEqualTo(socket());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket()))).isEqualTo("rw-rw----");
        }
    }

    @Test
    void aPathTooLongForASocketIsRefusedWithItsLength() {
        Path longPath = dir.resolve("x".repeat(120) + ".sock");
        try (var fixture = new ControlFixture(longPath)) {
            assertThatThrownBy(() -> fixture.server.start().await(10, TimeUnit.SECONDS))
                    .hasMessageContaining("bytes long, and a Unix socket's may be at most 106");
        }
    }

    @Test
    void aPathNearTheLimitIsBoundInPlaceWithItsMode() throws Exception {
        // 106 bytes in all: the staging folder's name would not fit beside the socket's.
        Path folder = Files.createDirectory(dir.resolve("d".repeat(99 - dir.toString().length() - 1)));
        Path nearLimit = folder.resolve("c.sock");
        assertThat(nearLimit.toString()).hasSize(106);
        try (var fixture = new ControlFixture(nearLimit).started()) {
            assertThat(fixture.send("GET", "/v3/ping", "").status()).isEqualTo(200);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nearLimit))).isEqualTo("rw-------");
        }
        assertThat(Files.list(folder).toList()).isEmpty();
    }

    @Test
    void aStaleSocketIsReplaced() throws Exception {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket()));
        }
        assertThat(socket()).exists();

        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(fixture.send("GET", "/v3/ping", "").status()).isEqualTo(200);
        }
    }

    @Test
    void aLiveSocketIsNotStolen() throws Exception {
        try (ServerSocketChannel other = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            other.bind(UnixDomainSocketAddress.of(socket()));
            try (var fixture = new ControlFixture(socket())) {
                assertThatThrownBy(() -> fixture.server.start().await(10, TimeUnit.SECONDS))
                        .hasMessageContaining("another agent is listening at " + socket());
                assertThat(fixture.log.leveled()).anyMatch(line -> line.startsWith("ERROR control: another agent"));
            }
            try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                probe.connect(UnixDomainSocketAddress.of(socket())); // still the other one's
            }
        }
    }

    @Test
    void aFileThatIsNotASocketIsLeftAlone() throws Exception {
        Files.writeString(socket(), "data");
        try (var fixture = new ControlFixture(socket())) {
            assertThatThrownBy(() -> fixture.server.start().await(10, TimeUnit.SECONDS))
                    .hasMessageContaining("not a socket");
        }
        assertThat(Files.readString(socket())).isEqualTo("data");
    }

    @Test
    void environSetsStringsAndNullAsEmptyAndRefusesAnythingElseWith422() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(fixture.send("POST", "/v3/environ", "{\"A\":\"1\",\"B\":null}").status()).isEqualTo(200);
            assertThat(fixture.agent.environment()).isEqualTo(Map.of("A", "1", "B", ""));

            assertThat(fixture.send("POST", "/v3/environ", "{\"C\":1}")).satisfies(r -> {
                assertThat(r.status()).isEqualTo(422);
                assertThat(r.body()).contains("value of C must be a string");
            });
            assertThat(fixture.send("POST", "/v3/environ", "{\"D\":\"x\",").status()).isEqualTo(422);
            assertThat(fixture.send("POST", "/v3/environ", "[\"E\"]").status()).isEqualTo(422);
            assertThat(fixture.send("POST", "/v3/environ", "").status()).isEqualTo(422);
            assertThat(fixture.send("POST", "/v3/environ", "{\"F=G\":\"x\"}").status()).isEqualTo(422);
            assertThat(fixture.send("GET", "/v3/environ", "").status()).isEqualTo(405);
            assertThat(fixture.agent.environment()).isEqualTo(Map.of("A", "1", "B", ""));
        }
    }

    @Test
    void metricPublishesEachValueOrNoneWhenOneIsBad() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(fixture.send("POST", "/v3/metric", "{\"requests\":\"2\",\"load\":0.5}").status())
                    .isEqualTo(200);
            assertThat(fixture.events).containsExactly(new Event.Metric("requests", 2), new Event.Metric("load", 0.5));

            assertThat(fixture.send("POST", "/v3/metric", "{\"load\":1,\"requests\":-1}")).satisfies(r -> {
                assertThat(r.status()).isEqualTo(422);
                assertThat(r.body()).contains("counter");
            });
            assertThat(fixture.send("POST", "/v3/metric", "{\"load\":\"high\"}").status()).isEqualTo(422);
            assertThat(fixture.send("POST", "/v3/metric", "{\"load\":[1]}").status()).isEqualTo(422);
            assertThat(fixture.send("POST", "/v3/metric", "not json").status()).isEqualTo(422);
            assertThat(fixture.send("POST", "/v3/metric", "{\"requests\":-2}").status()).isEqualTo(422);
            assertThat(fixture.events).hasSize(2);
            // Each metric's first refusal is logged with its reason; the repeat within the minute is only counted.
            assertThat(fixture.log.leveled()).filteredOn(line -> line.contains("/v3/metric")).satisfiesExactly(
                    line -> assertThat(line).isEqualTo("WARN control: /v3/metric refused: metric requests: a counter"
                            + " only grows: -1.0 is negative"),
                    line -> assertThat(line).isEqualTo("WARN control: /v3/metric refused: the value of metric load is"
                            + " not a number: \"high\""),
                    line -> assertThat(line).startsWith("WARN control: /v3/metric refused: the body is not a JSON"
                            + " object: Unrecognized token 'not'"));
        }
    }

    @Test
    void maintenancePublishesEnterAndExit() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(fixture.send("POST", "/v3/maintenance/enable", "").status()).isEqualTo(200);
            assertThat(fixture.send("POST", "/v3/maintenance/disable", "").status()).isEqualTo(200);
            assertThat(fixture.send("GET", "/v3/maintenance/enable", "").status()).isEqualTo(405);

            assertThat(fixture.events).containsExactly(new Event.EnterMaintenance(), new Event.ExitMaintenance());
        }
    }

    @Test
    void reloadAnswersWithWhatTheReloadDid() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(fixture.send("POST", "/v3/reload", "")).isEqualTo(
                    new ControlClient.Response(200, "reloaded: nothing changed\n"));

            fixture.agent.reloadAnswer = new ControlledAgent.ReloadAnswer.Rejected(java.util.List.of("jobs: bad"));
            assertThat(fixture.send("POST", "/v3/reload", "")).satisfies(r -> {
                assertThat(r.status()).isEqualTo(422);
                assertThat(r.body()).contains("jobs: bad");
            });
            fixture.agent.reloadAnswer = new ControlledAgent.ReloadAnswer.Refused("the agent is stopping");
            assertThat(fixture.send("POST", "/v3/reload", "").status()).isEqualTo(503);
        }
    }

    @Test
    void statusShowsTheAgentItsJobsAndTheSectionsOfItsSources() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            ControlClient.Response response = fixture.send("GET", "/v3/status", "");

            assertThat(response.status()).isEqualTo(200);
            JsonObject status = new JsonObject(response.body());
            assertThat(status.getString("version")).isEqualTo("9.9.9");
            assertThat(status.getDouble("uptimeSeconds")).isEqualTo(1.5);
            assertThat(status.getJsonArray("jobs").getJsonObject(0).getMap()).containsEntry("name", "app")
                    .containsEntry("state", "running").containsEntry("pid", 42).containsEntry("restarts", 1)
                    .containsEntry("lastExitCode", 3).containsEntry("lastExitReason", "exit 3")
                    .containsEntry("health", "healthy");
            assertThat(status.getJsonArray("jobs").getJsonObject(1).getValue("pid")).isNull();
            assertThat(status.getJsonArray("watches").getJsonObject(0).getInteger("instances")).isEqualTo(2);
            assertThat(fixture.send("POST", "/v3/status", "").status()).isEqualTo(405);
        }
    }

    @Test
    void jobRequestsReachTheNamedJob() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(fixture.send("POST", "/v3/jobs/app/stop", "").body()).startsWith("stopping app");
            assertThat(fixture.send("POST", "/v3/jobs/app/start", "").body()).isEqualTo("started app\n");
            assertThat(fixture.send("POST", "/v3/jobs/app/restart", "").status()).isEqualTo(200);
            assertThat(fixture.send("POST", "/v3/jobs/app/signal?signal=HUP", "").status()).isEqualTo(200);
            assertThat(fixture.send("POST", "/v3/jobs/app/signal", "{\"signal\":\"SIGUSR1\"}").status())
                    .isEqualTo(200);
            assertThat(fixture.send("POST", "/v3/jobs/app/signal", "{\"signal\":9}").status()).isEqualTo(200);

            assertThat(fixture.agent.requests()).containsExactly("app Stop[]", "app Start[]", "app Restart[]",
                    "app Signal[number=1]", "app Signal[number=10]", "app Signal[number=9]");
        }
    }

    @Test
    void jobRequestsSayWhatIsWrong() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(fixture.send("POST", "/v3/jobs/nope/start", "")).satisfies(r -> {
                assertThat(r.status()).isEqualTo(404);
                assertThat(r.body()).contains("no job named \"nope\"").contains("app, done");
            });
            assertThat(fixture.send("POST", "/v3/jobs/done/start", "")).satisfies(r -> {
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.body()).contains("has ended (completed)");
            });
            assertThat(fixture.send("GET", "/v3/jobs/app/stop", "").status()).isEqualTo(405);
            assertThat(fixture.send("POST", "/v3/jobs/app/pause", "").status()).isEqualTo(404);
            assertThat(fixture.send("POST", "/v3/jobs/app", "").status()).isEqualTo(404);
            assertThat(fixture.send("POST", "/v3/jobs/app/signal?signal=NOPE", "").status()).isEqualTo(422);
            assertThat(fixture.send("POST", "/v3/jobs/app/signal?signal=99", "").status()).isEqualTo(422);
            assertThat(fixture.send("POST", "/v3/jobs/app/signal", "").status()).isEqualTo(422);
            assertThat(fixture.send("POST", "/v3/jobs/app/signal", "{}").status()).isEqualTo(422);
            assertThat(fixture.agent.requests()).containsExactly("done Start[]");
        }
    }

    @Test
    void unknownPathsAre404AndLargeBodies413() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            assertThat(fixture.send("GET", "/v3/nothing", "").status()).isEqualTo(404);
            assertThat(fixture.send("GET", "/", "").status()).isEqualTo(404);
            assertThat(exchange("POST /v3/environ HTTP/1.1\r\nContent-Length: " + (ControlHandler.MAX_BODY_BYTES + 1)
                    + "\r\n\r\n{")).startsWith("HTTP/1.1 413 ");
            assertThat(fixture.agent.environment()).isEmpty();
        }
    }

    @Test
    void malformedRequestsToEveryEndpointLeaveTheServerAnswering() throws Exception {
        try (var fixture = new ControlFixture(socket()).started()) {
            for (String path : new String[] {"/v3/environ", "/v3/metric", "/v3/reload", "/v3/maintenance/enable",
                    "/v3/status", "/v3/jobs/app/signal", "/v3/ping"}) {
                for (String body : new String[] {"\u0000\u00ff", "{\"a\":", "{\"a\":{\"b\":[]}}", "null", "1e999"}) {
                    assertThat(fixture.send("POST", path, body).status()).isLessThan(500);
                }
            }
            raw("GARBAGE\r\n\r\n");
            raw("POST /v3/environ HTTP/1.1\r\nContent-Length: 99\r\n\r\n{\"A\"");
            raw("POST /v3/environ HTTP/1.1\r\nContent-Length: -5\r\n\r\n");
            raw("POST /v3/metric HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");

            assertThat(fixture.send("GET", "/v3/ping", "").status()).isEqualTo(200);
        }
    }

    /** Sends the start of a request and reads the answer the server gives before it has the whole body. */
    private String exchange(String request) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket()));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            return new String(readAll(channel), StandardCharsets.UTF_8);
        }
    }

    private static byte[] readAll(SocketChannel channel) throws java.io.IOException {
        var answer = new java.io.ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (channel.read(buffer) > 0) { // blocking; the server closes the connection after a 413
            answer.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return answer.toByteArray();
    }

    /** Sends bytes that are not a proper request and closes the connection without reading an answer. */
    private void raw(String request) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket()));
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
        }
    }
}
