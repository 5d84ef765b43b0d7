package io.autopilot.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.discovery.DiscoveryStats.Operation;
import io.autopilot.discovery.InterfaceSpec;
import io.autopilot.health.HealthStatus;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.JobState;
import io.autopilot.testing.RecordingLog;
import io.autopilot.watches.WatchSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The metrics read at scrape time from snapshots (Consul calls, watches, jobs' checks), line by line. */
class SnapshotMetricsTest {
    private final AgentMetrics metrics = AgentMetrics.create(new TelemetryConfig(9090, InterfaceSpec.DEFAULTS,
            List.of(), List.of(), Optional.empty()), new RecordingLog());

    private List<String> lines(String accept, String name) {
        return MetricLines.of(metrics, accept, name);
    }

    @Test
    void consulCallsAreCountedByOperationAndFailuresByOperationAndKind() {
        DiscoveryStats stats = new DiscoveryStats();
        metrics.consul(stats::snapshot);
        stats.request(Operation.REGISTER);
        stats.request(Operation.REGISTER);
        stats.request(Operation.WATCH);
        stats.error(Operation.REGISTER, Kind.UNREACHABLE);
        stats.error(Operation.WATCH, Kind.REJECTED);
        stats.error(Operation.WATCH, Kind.REJECTED);

        assertThat(lines(null, "autopilot_consul_requests_total")).containsExactly(
                "# HELP autopilot_consul_requests_total Calls to Consul by operation (register, check, deregister,"
                        + " maintenance, watch); a call retried counts once, a watch counts each query",
                "# TYPE autopilot_consul_requests_total counter",
                "autopilot_consul_requests_total{operation=\"check\"} 0.0",
                "autopilot_consul_requests_total{operation=\"deregister\"} 0.0",
                "autopilot_consul_requests_total{operation=\"maintenance\"} 0.0",
                "autopilot_consul_requests_total{operation=\"register\"} 2.0",
                "autopilot_consul_requests_total{operation=\"watch\"} 1.0");
        assertThat(lines(null, "autopilot_consul_request_errors_total")).containsExactly(
                "# HELP autopilot_consul_request_errors_total Failed calls to Consul by operation and kind"
                        + " (unreachable, rejected, invalid)",
                "# TYPE autopilot_consul_request_errors_total counter",
                "autopilot_consul_request_errors_total{kind=\"rejected\",operation=\"watch\"} 2.0",
                "autopilot_consul_request_errors_total{kind=\"unreachable\",operation=\"register\"} 1.0");
        assertThat(lines(MetricLines.OPEN_METRICS, "autopilot_consul_requests_total"))
                .contains("autopilot_consul_requests_total{operation=\"register\"} 2.0");
    }

    @Test
    void everyWatchHasItsChangesAndQueryTimesAndInstancesOnceItHasAResult() {
        var db = new WatchSnapshot("db", "watch.db", WatchSnapshot.Kind.SERVICE, "db", true, 2,
                Optional.of(Instant.EPOCH), Optional.empty(), 3, 4, Duration.ofMillis(1500));
        var config = new WatchSnapshot("config", "watch.config", WatchSnapshot.Kind.KEY, "app/", false, 0,
                Optional.empty(), Optional.empty(), 0, 0, Duration.ZERO);
        metrics.watches(() -> List.of(db, config));

        assertThat(lines(null, "containerpilot_watch_instances")).containsExactly(
                "# HELP containerpilot_watch_instances Healthy instances of each watched service",
                "# TYPE containerpilot_watch_instances gauge",
                "containerpilot_watch_instances{service=\"db\"} 2.0");
        assertThat(lines(null, "autopilot_watch_changes_total")).containsExactly(
                "# HELP autopilot_watch_changes_total Changes a watch has published",
                "# TYPE autopilot_watch_changes_total counter",
                "autopilot_watch_changes_total{watch=\"config\"} 0.0",
                "autopilot_watch_changes_total{watch=\"db\"} 3.0");
        assertThat(lines(null, "autopilot_watch_query_seconds")).containsExactly(
                "# HELP autopilot_watch_query_seconds Time Consul took to answer a watch's queries; a blocking query"
                        + " is held until the data changes or its wait runs out",
                "# TYPE autopilot_watch_query_seconds summary");
        assertThat(lines(null, "autopilot_watch_query_seconds_count")).containsExactly(
                "autopilot_watch_query_seconds_count{watch=\"config\"} 0",
                "autopilot_watch_query_seconds_count{watch=\"db\"} 4");
        assertThat(lines(null, "autopilot_watch_query_seconds_sum")).containsExactly(
                "autopilot_watch_query_seconds_sum{watch=\"config\"} 0.0",
                "autopilot_watch_query_seconds_sum{watch=\"db\"} 1.5");
    }

    @Test
    void aJobsLastHealthCheckDurationShowsOnceItHasChecked() {
        var checked = new JobSnapshot("web", JobState.RUNNING, 42, 0, OptionalInt.empty(), Optional.empty(),
                HealthStatus.HEALTHY, 0, Optional.of(Duration.ofMillis(250)));
        var unchecked = new JobSnapshot("db", JobState.RUNNING, 43, 0, OptionalInt.empty(), Optional.empty(),
                HealthStatus.UNKNOWN, 0);
        metrics.jobs(() -> List.of(checked, unchecked));

        assertThat(lines(null, "autopilot_health_check_seconds")).containsExactly(
                "# HELP autopilot_health_check_seconds How long the job's last health check took",
                "# TYPE autopilot_health_check_seconds gauge",
                "autopilot_health_check_seconds{name=\"web\"} 0.25");
        assertThat(lines(MetricLines.OPEN_METRICS, "autopilot_health_check_seconds"))
                .contains("autopilot_health_check_seconds{name=\"web\"} 0.25");
    }
}
