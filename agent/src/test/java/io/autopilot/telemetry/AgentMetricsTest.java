package io.autopilot.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.InterfaceSpec;
import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import io.autopilot.testing.RecordingLog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What /metrics shows for events, control requests and user metrics, line by line, in both text formats. */
class AgentMetricsTest {
    private final RecordingLog log = new RecordingLog();

    private AgentMetrics metrics(MetricConfig... metrics) {
        return AgentMetrics.create(new TelemetryConfig(9090, InterfaceSpec.DEFAULTS, List.of(), List.of(metrics),
                Optional.empty()),
                log);
    }

    private static List<String> lines(AgentMetrics metrics, String accept, String name) {
        return MetricLines.of(metrics, accept, name);
    }

    @Test
    void eventsAreCountedUnderContainerPilotsExactNameWithoutTotal() {
        AgentMetrics metrics = metrics();
        metrics.record(new Event.Startup());
        metrics.record(new Event.ExitFailed("app", 12, 3, "exit 3", ExitCause.EXIT));
        metrics.record(new Event.ExitFailed("app", 13, 3, "exit 3", ExitCause.EXIT));
        metrics.record(new Event.Metric("anything", 1));

        assertThat(lines(metrics, null, "containerpilot_events")).containsExactly(
                "# HELP containerpilot_events ContainerPilot events by code and source",
                "# TYPE containerpilot_events untyped",
                "containerpilot_events{code=\"ExitFailed\",source=\"app\"} 2.0",
                "containerpilot_events{code=\"Startup\",source=\"global\"} 1.0");
        assertThat(lines(metrics, MetricLines.OPEN_METRICS, "containerpilot_events")).containsExactly(
                "# TYPE containerpilot_events unknown",
                "# HELP containerpilot_events ContainerPilot events by code and source",
                "containerpilot_events{code=\"ExitFailed\",source=\"app\"} 2.0",
                "containerpilot_events{code=\"Startup\",source=\"global\"} 1.0");
    }

    @Test
    void controlRequestsAreCountedByStatusAndPath() {
        AgentMetrics metrics = metrics();
        metrics.controlRequests().record("/v3/metric", 422);
        metrics.controlRequests().record("/v3/metric", 200);
        metrics.controlRequests().record("/v3/metric", 200);

        assertThat(lines(metrics, null, "containerpilot_control_http_requests")).containsExactly(
                "# HELP containerpilot_control_http_requests Requests to the control plane by HTTP status and path",
                "# TYPE containerpilot_control_http_requests untyped",
                "containerpilot_control_http_requests{code=\"200\",path=\"/v3/metric\"} 2.0",
                "containerpilot_control_http_requests{code=\"422\",path=\"/v3/metric\"} 1.0");
    }

    @Test
    void aMetricWithoutNamespaceOrSubsystemReceivesItsValues() {
        AgentMetrics metrics = metrics(new MetricConfig("", "", "requests", "", MetricType.COUNTER));
        metrics.record(new Event.Metric("requests", 2));
        metrics.record(new Event.Metric("requests", 3));

        assertThat(lines(metrics, null, "requests")).containsExactly(
                "# HELP requests Set by the application (-putmetric, /v3/metric)",
                "# TYPE requests untyped",
                "requests 5.0");
    }

    @Test
    void aCounterMatchesItsFullNameAsContainerPilotsTelemetryTestSendsIt() {
        AgentMetrics metrics = metrics(
                new MetricConfig("containerpilot", "app", "some_counter", "a counter", MetricType.COUNTER));
        metrics.record(new Event.Metric("containerpilot_app_some_counter", 42));
        metrics.record(new Event.Metric("some_counter", 1));

        assertThat(lines(metrics, null, "containerpilot_app_some_counter")).containsExactly(
                "# HELP containerpilot_app_some_counter a counter",
                "# TYPE containerpilot_app_some_counter untyped",
                "containerpilot_app_some_counter 42.0");
        assertThat(log.leveled()).contains("DEBUG telemetry: no metric named some_counter in telemetry.metrics;"
                + " value ignored");
    }

    @Test
    void aNegativeCounterValueIsRefusedWithAWarningAndTheCounterKeepsItsValue() {
        AgentMetrics metrics = metrics(new MetricConfig("", "", "jobs", "", MetricType.COUNTER),
                new MetricConfig("", "", "jobs_done_total", "", MetricType.COUNTER));
        metrics.record(new Event.Metric("jobs", 4));
        metrics.record(new Event.Metric("jobs", -1));
        metrics.record(new Event.Metric("jobs_done_total", -1));

        assertThat(lines(metrics, null, "jobs")).endsWith("# TYPE jobs untyped", "jobs 4.0");
        assertThat(log.leveled()).contains(
                "WARN telemetry: value for jobs refused: a counter only grows: -1.0 is negative",
                "WARN telemetry: value for jobs_done_total refused: a counter only grows: -1.0 is negative");
    }

    @Test
    void aValueThatIsNotFiniteIsRefusedWithAWarningForEveryTypeOfMetric() {
        AgentMetrics metrics = metrics(new MetricConfig("", "", "jobs", "", MetricType.COUNTER),
                new MetricConfig("", "", "queue", "", MetricType.GAUGE),
                new MetricConfig("", "", "latency", "", MetricType.HISTOGRAM),
                new MetricConfig("", "", "size", "", MetricType.SUMMARY));
        for (String name : new String[] {"jobs", "queue", "latency", "size"}) {
            metrics.record(new Event.Metric(name, 2));
            metrics.record(new Event.Metric(name, Double.POSITIVE_INFINITY));
            metrics.record(new Event.Metric(name, Double.NaN));
            metrics.record(new Event.Metric(name, Double.NEGATIVE_INFINITY));
        }

        assertThat(lines(metrics, null, "jobs")).endsWith("jobs 2.0");
        assertThat(lines(metrics, null, "queue")).endsWith("queue 2.0");
        assertThat(lines(metrics, null, "latency_count")).containsExactly("latency_count 1");
        assertThat(lines(metrics, null, "latency_sum")).containsExactly("latency_sum 2.0");
        assertThat(lines(metrics, null, "size_count")).containsExactly("size_count 1");
        assertThat(log.leveled()).contains(
                "WARN telemetry: value for jobs refused: Infinity is not a finite number",
                "WARN telemetry: value for queue refused: NaN is not a finite number",
                "WARN telemetry: value for latency refused: NaN is not a finite number",
                "WARN telemetry: value for size refused: -Infinity is not a finite number");
    }

    @Test
    void aCounterNamedWithTotalIsATrueCounterUnderTheSameName() {
        AgentMetrics metrics = metrics(new MetricConfig("myapp", "", "requests_total", "", MetricType.COUNTER));
        metrics.record(new Event.Metric("myapp_requests_total", 3));

        assertThat(lines(metrics, null, "myapp_requests_total")).endsWith(
                "# TYPE myapp_requests_total counter",
                "myapp_requests_total 3.0");
    }

    @Test
    void aGaugeIsSetAndAHistogramAndASummaryObserve() {
        AgentMetrics metrics = metrics(new MetricConfig("", "", "queue", "", MetricType.GAUGE),
                new MetricConfig("", "", "latency", "", MetricType.HISTOGRAM),
                new MetricConfig("", "", "size", "", MetricType.SUMMARY));
        metrics.record(new Event.Metric("queue", 7));
        metrics.record(new Event.Metric("queue", 5));
        metrics.record(new Event.Metric("latency", 0.3));
        metrics.record(new Event.Metric("size", 10));

        assertThat(lines(metrics, null, "queue")).endsWith("# TYPE queue gauge", "queue 5.0");
        assertThat(lines(metrics, null, "latency_bucket")).containsExactly(
                "latency_bucket{le=\"0.005\"} 0", "latency_bucket{le=\"0.01\"} 0", "latency_bucket{le=\"0.025\"} 0",
                "latency_bucket{le=\"0.05\"} 0", "latency_bucket{le=\"0.1\"} 0", "latency_bucket{le=\"0.25\"} 0",
                "latency_bucket{le=\"0.5\"} 1", "latency_bucket{le=\"1.0\"} 1", "latency_bucket{le=\"2.5\"} 1",
                "latency_bucket{le=\"5.0\"} 1", "latency_bucket{le=\"10.0\"} 1", "latency_bucket{le=\"+Inf\"} 1");
        assertThat(lines(metrics, null, "size")).endsWith("# TYPE size summary",
                "size{quantile=\"0.5\"} 10.0", "size{quantile=\"0.9\"} 10.0", "size{quantile=\"0.99\"} 10.0");
        assertThat(lines(metrics, null, "size_count")).containsExactly("size_count 1");
    }

    @Test
    void jobExitsAndHealthChecksAreCountedPerJobAndCheckProcessesAreNotExits() {
        AgentMetrics metrics = metrics();
        metrics.record(new Event.ExitSuccess("app", 10));
        metrics.record(new Event.ExitFailed("app", 11, 137, "killed by SIGKILL", ExitCause.SIGNAL));
        metrics.record(new Event.ExitFailed("app", 0, 127, "no such file", ExitCause.SPAWN_FAILURE));
        metrics.record(new Event.ExitFailed("app", 12, 137, "timed out after 5s", ExitCause.TIMEOUT));
        metrics.record(new Event.ExitFailed("check.app", 13, 1, "exit 1", ExitCause.EXIT));
        metrics.record(new Event.Unhealthy("app", "exit 1"));
        metrics.record(new Event.Healthy("app"));
        metrics.record(new Event.Healthy("watch.db"));

        assertThat(lines(metrics, null, "autopilot_job_exits_total")).containsExactly(
                "# HELP autopilot_job_exits_total Runs of a job's process that ended, by how (reason: success, failure"
                        + " (a non-zero exit), signal, timeout, spawn_failure) and why (cause: exit, stopped, timeout,"
                        + " oom, signal, spawn_failure)",
                "# TYPE autopilot_job_exits_total counter",
                "autopilot_job_exits_total{cause=\"exit\",name=\"app\",reason=\"success\"} 1.0",
                "autopilot_job_exits_total{cause=\"signal\",name=\"app\",reason=\"signal\"} 1.0",
                "autopilot_job_exits_total{cause=\"spawn_failure\",name=\"app\",reason=\"spawn_failure\"} 1.0",
                "autopilot_job_exits_total{cause=\"timeout\",name=\"app\",reason=\"timeout\"} 1.0");
        assertThat(lines(metrics, null, "autopilot_health_checks_total")).endsWith(
                "autopilot_health_checks_total{name=\"app\",result=\"failed\"} 1.0",
                "autopilot_health_checks_total{name=\"app\",result=\"passed\"} 1.0");
    }

    @Test
    void theAgentsOwnProcessIsMeasuredFromProc() {
        AgentMetrics metrics = metrics();

        for (String name : List.of("process_resident_memory_bytes", "process_open_fds", "process_threads",
                "process_start_time_seconds", "process_max_fds", "process_virtual_memory_bytes")) {
            assertThat(lines(metrics, null, name)).as(name).hasSize(3).last().asString().matches(name + " \\S+");
        }
        assertThat(lines(metrics, null, "process_cpu_seconds_total")).hasSize(3).contains(
                "# TYPE process_cpu_seconds_total counter").last().asString().startsWith("process_cpu_seconds_total ");
    }
}
