package io.autopilot.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.discovery.InterfaceSnapshot;
import io.autopilot.discovery.InterfaceSpec;
import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RecordingLog;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint over real HTTP on loopback: routes, methods, content negotiation, and the bus feeding it. */
class TelemetryEndpointTest {
    private final Vertx vertx = Vertx.vertx();
    private final EventBus bus = new EventBus(e -> { });
    private final HttpClient http = HttpClient.newHttpClient();
    private final RecordingLog log = new RecordingLog();
    private TelemetryEndpoint endpoint;
    private String base;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private TelemetryEndpoint endpoint(int port, List<InterfaceSpec> interfaces) {
        return endpoint(port, interfaces, Optional.empty());
    }

    private TelemetryEndpoint endpoint(int port, List<InterfaceSpec> interfaces, Optional<Path> textfiles) {
        TelemetryConfig config = new TelemetryConfig(port, interfaces, List.of(), List.of(), textfiles);
        return new TelemetryEndpoint(config, AgentMetrics.create(config, log),
                new TelemetryEndpoint.AgentView("1.0", List.of(), List.of("db"), List::of), vertx, bus, log,
                () -> InterfaceSnapshot.of(InterfaceSnapshot.Interface.of("lo", "127.0.0.1")),
                vertx.createSharedWorkerExecutor("textfiles", 1));
    }

    @BeforeEach
    void start() throws Exception {
        int port = freePort();
        endpoint = endpoint(port, List.of(InterfaceSpec.parse("lo")));
        endpoint.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + port;
    }

    @AfterEach
    void stop() throws Exception {
        endpoint.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private HttpResponse<String> send(String method, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreTextByDefaultAndOpenMetricsWhenAsked() throws Exception {
        HttpResponse<String> text = send("GET", "/metrics", null);
        HttpResponse<String> open = send("GET", "/metrics", "application/openmetrics-text; version=1.0.0");

        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(text.body()).contains("# TYPE process_open_fds gauge").doesNotContain("# EOF");
        assertThat(open.headers().firstValue("Content-Type"))
                .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(open.body()).endsWith("# EOF\n");
    }

    @Test
    void eventsPublishedOnTheBusShowOnTheNextScrape() throws Exception {
        bus.publish(new Event.Startup());

        Eventually.until(() -> scrape().contains("containerpilot_events{code=\"Startup\",source=\"global\"} 1.0"),
                Duration.ofSeconds(10), () -> "startup counted");
    }

    private String scrape() {
        try {
            return send("GET", "/metrics", null).body();
        } catch (Exception e) {
            throw new AssertionError("GET /metrics failed", e);
        }
    }

    @Test
    void metricsServeTheTextfilesOfTheFolderBesideTheAgentsOwn(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("backup.prom"), "# HELP backup_ok Whether the last backup worked\n"
                + "# TYPE backup_ok gauge\nbackup_ok 1\n");
        int port = freePort();
        TelemetryEndpoint withFiles = endpoint(port, List.of(InterfaceSpec.parse("lo")), Optional.of(folder));
        withFiles.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        base = "http://127.0.0.1:" + port;
        try {
            assertThat(scrape().lines()).contains("# HELP backup_ok Whether the last backup worked", "backup_ok 1.0",
                    "autopilot_textfile_scrape_error 0.0", "# TYPE process_open_fds gauge");

            Files.writeString(folder.resolve("backup.prom"), "backup_ok 0\n");
            assertThat(scrape().lines()).contains("backup_ok 0.0");
            assertThat(send("GET", "/metrics", MetricLines.OPEN_METRICS).body()).contains("backup_ok 0.0")
                    .endsWith("# EOF\n");
        } finally {
            withFiles.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void statusAnswersGetOnlyAndOtherPathsAreNotFound() throws Exception {
        HttpResponse<String> status = send("GET", "/status", null);

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(status.body()).isEqualTo("{\"Version\":\"1.0\",\"Jobs\":[],\"Services\":[{\"Name\":"
                + "\"containerpilot\",\"Address\":\"127.0.0.1\",\"Port\":" + base.substring(base.lastIndexOf(':') + 1)
                + ",\"Status\":\"healthy\"}],\"Watches\":[\"db\"]}");
        assertThat(send("POST", "/status", null).statusCode()).isEqualTo(405);
        assertThat(send("GET", "/", null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void startFailsNamingTheSpecsWhenNoInterfaceMatches() throws Exception {
        TelemetryEndpoint unmatched = endpoint(freePort(), List.of(InterfaceSpec.parse("eth7")));

        assertThatThrownBy(() -> unmatched.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .hasMessageContaining("telemetry: no address matches the interfaces eth7");
    }

    @Test
    void startFailsNamingTheAddressWhenThePortIsTaken() throws Exception {
        // Another process's socket: within one Vert.x instance a second server on the same port is shared instead.
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TelemetryEndpoint second = endpoint(taken.getLocalPort(), List.of(InterfaceSpec.parse("lo")));

            assertThatThrownBy(() -> second.start().toCompletionStage().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS))
                    .hasMessageContaining("telemetry: cannot listen at http://127.0.0.1:" + taken.getLocalPort());
        }
    }
}
