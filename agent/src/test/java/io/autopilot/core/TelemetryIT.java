package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autopilot.testing.Eventually;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent's telemetry endpoint as a scraper sees it: /metrics and /status over HTTP, with the files of a
 * textfile folder, {@code promtool check metrics} on the output, and a real Prometheus server (Debian's package, which
 * {@code scripts/test.sh} installs) scraping it.
 */
class TelemetryIT {
    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    /** What a health script might publish: every type of the text format, labels with escapes, a NaN. */
    private static final String APP_METRICS = """
            # HELP app_backup_last_success_timestamp_seconds When the last backup succeeded
            # TYPE app_backup_last_success_timestamp_seconds gauge
            app_backup_last_success_timestamp_seconds 1.7e+09
            # HELP app_jobs_processed_total Jobs the worker has processed
            # TYPE app_jobs_processed_total counter
            app_jobs_processed_total{queue="mail"} 12
            app_jobs_processed_total{queue="a \\"quoted\\" \\\\ name"} 3
            # HELP app_request_duration_seconds Time to answer a request
            # TYPE app_request_duration_seconds histogram
            app_request_duration_seconds_bucket{le="0.1"} 3
            app_request_duration_seconds_bucket{le="1"} 7
            app_request_duration_seconds_bucket{le="+Inf"} 8
            app_request_duration_seconds_sum 4.2
            app_request_duration_seconds_count 8
            # HELP app_queue_wait_seconds Time jobs wait in the queue
            # TYPE app_queue_wait_seconds summary
            app_queue_wait_seconds{quantile="0.5"} 0.2
            app_queue_wait_seconds{quantile="0.9"} 1.5
            app_queue_wait_seconds_sum 30
            app_queue_wait_seconds_count 100
            app_cache_hit_ratio NaN
            """;

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private int port;
    private int consulPort;
    private Path config;
    private Path textfiles;
    private PackagedAgent agent;
    private Process prometheus;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // Consul is a port nobody listens on: registration and the watch retry in the background, health checks run.
    @BeforeEach
    void startAgent() throws Exception {
        port = freePort();
        consulPort = freePort();
        textfiles = Files.createDirectory(dir.resolve("metrics"));
        publish(textfiles, "app.prom", APP_METRICS);
        config = writeConfig("textfiles: \"" + textfiles + "\",");
        agent = PackagedAgent.start("-config", config.toString());
        agent.awaitLine("telemetry: serving /metrics and /status at http://127.0.0.1:" + port);
    }

    /** The configuration, with {@code extra} keys in its telemetry block. */
    private Path writeConfig(String extra) throws IOException {
        return Files.writeString(dir.resolve("telemetry.json5"), """
                {
                  consul: "127.0.0.1:%d",
                  jobs: [
                    { name: "app", exec: ["sleep", "60"], port: 8080, interfaces: ["static:127.0.0.1"],
                      health: { exec: "true", interval: 1, ttl: 5 } },
                  ],
                  watches: [{ name: "db", interval: 5 }],
                  telemetry: { port: %d, interfaces: ["static:127.0.0.1"], %s
                               metrics: [{ name: "hits", type: "counter", help: "hits seen" }] },
                  control: { socket: "%s" },
                }
                """.formatted(consulPort, port, extra, dir.resolve("control.sock")));
    }

    /** As a health script publishes a file: written under a dotfile name, then renamed into place. */
    private static void publish(Path folder, String name, String text) throws IOException {
        Path temporary = Files.writeString(folder.resolve("." + name + ".tmp"), text);
        Files.move(temporary, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    @AfterEach
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
        agent.terminate();
        agent.exitCode();
    }

    private String get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "unreachable: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String agentUrl(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void statusShowsTheServiceHealthyAndMetricsShowContainerPilotsAndOurSeries() {
        Eventually.until(() -> get(agentUrl("/status")).contains(
                "{\"Name\":\"app\",\"Address\":\"127.0.0.1\",\"Port\":8080,\"Status\":\"healthy\"}"),
                () -> "app healthy in /status: " + get(agentUrl("/status")));

        String status = get(agentUrl("/status"));
        assertThat(status).startsWith("200 {\"Version\":\"0.1.0-SNAPSHOT\",\"Jobs\":[],\"Services\":[")
                .endsWith("{\"Name\":\"containerpilot\",\"Address\":\"127.0.0.1\",\"Port\":" + port
                        + ",\"Status\":\"healthy\"}],\"Watches\":[\"db\"]}");
        assertThat(get(agentUrl("/metrics")).lines()).contains(
                "containerpilot_events{code=\"Startup\",source=\"global\"} 1.0",
                "# TYPE containerpilot_events untyped",
                "autopilot_job_up{name=\"app\"} 1.0",
                "hits 0.0")
                .anyMatch(line -> line.startsWith("containerpilot_events{code=\"StatusHealthy\",source=\"app\"} "))
                .anyMatch(line -> line.startsWith("process_resident_memory_bytes "));
        assertThat(get(agentUrl("/nothing"))).startsWith("404 ");
    }

    @Test
    void aPutmetricThroughTheControlPlaneShowsInTheMetricAndInTheRequestCount() throws Exception {
        // The control plane and telemetry start side by side: wait for the socket as well.
        agent.awaitLine("control: serving at " + dir.resolve("control.sock"));
        var client = new io.autopilot.control.ControlClient(dir.resolve("control.sock"), Duration.ofSeconds(10));
        assertThat(client.send("POST", "/v3/metric", "{\"hits\":\"3\"}").status()).isEqualTo(200);

        Eventually.until(() -> get(agentUrl("/metrics")).lines().toList().contains("hits 3.0"),
                () -> "hits on /metrics: " + get(agentUrl("/metrics")));
        assertThat(get(agentUrl("/metrics")).lines())
                .contains("containerpilot_control_http_requests{code=\"200\",path=\"/v3/metric\"} 1.0");
    }

    @Test
    void theTextfilesAreServedAtEveryScrapeAndABadOneIsLoggedOnceWithItsLine() throws Exception {
        Path app = textfiles.resolve("app.prom");
        assertThat(get(agentUrl("/metrics")).lines()).contains(
                "# TYPE app_jobs_processed_total counter",
                "app_jobs_processed_total{queue=\"mail\"} 12.0",
                "app_jobs_processed_total{queue=\"a \\\"quoted\\\" \\\\ name\"} 3.0",
                "app_request_duration_seconds_bucket{le=\"+Inf\"} 8",
                "app_queue_wait_seconds{quantile=\"0.9\"} 1.5",
                "app_cache_hit_ratio NaN",
                "autopilot_textfile_scrape_error 0.0")
                .anyMatch(line -> line.startsWith("autopilot_textfile_mtime_seconds{file=\"" + app + "\"} "));

        publish(textfiles, "worker.prom", "worker_up 1\n");
        assertThat(get(agentUrl("/metrics")).lines()).contains("worker_up 1.0");

        Path broken = textfiles.resolve("broken.prom");
        publish(textfiles, "broken.prom", "# TYPE broken gauge\nbroken{ 1\n");
        for (int scrape = 0; scrape < 3; scrape++) {
            assertThat(get(agentUrl("/metrics")).lines()).contains("autopilot_textfile_scrape_error 1.0",
                    "worker_up 1.0", "app_jobs_processed_total{queue=\"mail\"} 12.0", "hits 0.0");
        }
        publish(textfiles, "broken.prom", "# TYPE broken gauge\nbroken 1\n");
        assertThat(get(agentUrl("/metrics")).lines()).contains("broken 1.0", "autopilot_textfile_scrape_error 0.0");

        // The log is written in order: once the recovery is in, every line about the broken file is too.
        agent.awaitLine("telemetry: textfiles: every file of " + textfiles + " is served again");
        assertThat(agent.lines).filteredOn(line -> line.contains(broken.toString())).singleElement().asString()
                .endsWith("telemetry: textfiles: " + broken + ":2: expected a label name, found '1'");
    }

    @Test
    void aReloadThatMovesOrRemovesTheTextfilesFolderIsServedFromThen() throws Exception {
        agent.awaitLine("control: serving at " + dir.resolve("control.sock"));
        var client = new io.autopilot.control.ControlClient(dir.resolve("control.sock"), Duration.ofSeconds(10));
        Path other = Files.createDirectory(dir.resolve("other"));
        publish(other, "other.prom", "other_up 1\n");

        writeConfig("textfiles: \"" + other + "\",");
        assertThat(client.send("POST", "/v3/reload", "").status()).isEqualTo(200);
        Eventually.until(() -> get(agentUrl("/metrics")).contains("\nother_up 1.0\n"),
                () -> "other_up on /metrics: " + get(agentUrl("/metrics")));
        assertThat(get(agentUrl("/metrics"))).doesNotContain("app_jobs_processed_total");

        writeConfig("");
        assertThat(client.send("POST", "/v3/reload", "").status()).isEqualTo(200);
        Eventually.until(() -> get(agentUrl("/metrics")).startsWith("200 ")
                        && !get(agentUrl("/metrics")).contains("autopilot_textfile_scrape_error"),
                () -> "no textfile metrics on /metrics: " + get(agentUrl("/metrics")));
        assertThat(get(agentUrl("/metrics"))).doesNotContain("other_up").contains("\nhits 0.0\n");
    }

    @Test
    void promtoolFindsNothingToCriticiseInTheTextFormat() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "promtool is not installed (Debian package prometheus);"
                + " scripts/test.sh installs it");
        String scraped = get(agentUrl("/metrics")).substring(4);
        assertThat(scraped).contains("app_request_duration_seconds_sum 4.2", "app_queue_wait_seconds_count 100");
        Path metrics = Files.writeString(dir.resolve("metrics.txt"), scraped);

        Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectInput(metrics.toFile())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }

    @Test
    void aPrometheusServerScrapesTheAgentAndStoresItsSeries() throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "prometheus is not installed (Debian package prometheus);"
                + " scripts/test.sh installs it");
        int prometheusPort = freePort();
        Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                global: { scrape_interval: 1s, evaluation_interval: 1s }
                scrape_configs:
                  - job_name: autopilot
                    static_configs: [{ targets: ["127.0.0.1:%d"] }]
                """.formatted(port));
        prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";

        for (String query : new String[] {"up{job=\"autopilot\"} == 1",
                "containerpilot_events{code=\"Startup\",source=\"global\"}", "autopilot_job_up{name=\"app\"} == 1",
                "process_resident_memory_bytes > 0", "app_jobs_processed_total{queue=\"mail\"} == 12",
                "app_request_duration_seconds_count == 8", "autopilot_textfile_scrape_error == 0"}) {
            String url = api + URLEncoder.encode(query, StandardCharsets.UTF_8);
            Eventually.until(() -> get(url).contains("\"result\":[{"), () -> query + " gave " + get(url)
                    + "; Prometheus said: " + log());
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("prometheus.log"));
        } catch (IOException e) {
            return e.toString();
        }
    }
}
