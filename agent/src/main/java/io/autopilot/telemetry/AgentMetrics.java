package io.autopilot.telemetry;

import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.events.Event;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.logging.Log;
import io.autopilot.services.RegistrationSnapshot;
import io.autopilot.watches.WatchSnapshot;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every metric the agent exposes, in one registry of its own (never the client's global default registry). Writers
 * (the bus subscriber, the control plane) update the client's lock-free metrics; a scrape reads
 * snapshots (of the jobs, the watches, the Consul clients' counts). Made each time the telemetry endpoint starts.
 */
public final class AgentMetrics {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final EventMetrics events;
    private final UserMetrics users;
    private final UntypedCounter controlRequests = new UntypedCounter("containerpilot_control_http_requests",
            "Requests to the control plane by HTTP status and path", "code", "path");

    private AgentMetrics(TelemetryConfig config, Log log) {
        events = new EventMetrics(registry);
        registry.register(controlRequests);
        registry.register(new ProcessMetrics());
        users = new UserMetrics(config.metrics(), registry, log);
    }

    public static AgentMetrics create(TelemetryConfig config, Log log) {
        return new AgentMetrics(config, log);
    }

    /** For the control plane: counts each answered request. */
    public ControlRequests controlRequests() {
        return (path, status) -> controlRequests.inc(Integer.toString(status), path);
    }

    /**
     * Adds {@code containerpilot_watch_instances} and the {@code autopilot_watch_*} metrics, read from {@code watches}
     * (the running watches' snapshots) at each scrape.
     */
    public void watches(Supplier<List<WatchSnapshot>> watches) {
        registry.register(new WatchMetrics(watches));
    }

    /** Adds {@code autopilot_service_waiting_for_address}, read from {@code services}' snapshots at each scrape. */
    public void services(Supplier<List<RegistrationSnapshot>> services) {
        registry.register(new ServiceMetrics(services));
    }

    /**
     * Adds {@code autopilot_last_known_good}, read from {@code servingSaved} (whether each template and watch, by
     * source, serves saved data) at each scrape.
     */
    public void savedData(Supplier<Map<String, Boolean>> servingSaved) {
        registry.register(new SavedDataMetrics(servingSaved));
    }

    /** Adds the {@code autopilot_consul_*} metrics, read from {@code stats} (Consul calls' counts) at each scrape. */
    public void consul(Supplier<DiscoveryStats.Snapshot> stats) {
        registry.register(new ConsulMetrics(stats));
    }

    /** Adds {@code autopilot_internal_errors_total}, read from {@code counts} (by part) at each scrape. */
    public void internalErrors(Supplier<Map<String, Long>> counts) {
        registry.register(new InternalErrorMetrics(counts));
    }

    /** Adds the per-job metrics, read from {@code jobs} (the jobs' current snapshots) at each scrape. */
    void jobs(Supplier<List<JobSnapshot>> jobs) {
        registry.register(new JobMetrics(jobs));
    }

    /** An event from the bus: counted, and applied to a user metric when it is a value for one. */
    void record(Event event) {
        if (event instanceof Event.Metric metric) {
            users.apply(metric);
        }
        events.record(event);
    }

    MetricSnapshots scrape() {
        return registry.scrape();
    }
}
