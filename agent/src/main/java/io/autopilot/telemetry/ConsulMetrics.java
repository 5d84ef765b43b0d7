package io.autopilot.telemetry;

import io.autopilot.discovery.DiscoveryStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Calls to Consul and their failures, read at scrape time from the clients' counts: every operation shows up from
 * the start, a failure once it has happened.
 */
final class ConsulMetrics implements MultiCollector {
    private final Supplier<DiscoveryStats.Snapshot> stats;

    ConsulMetrics(Supplier<DiscoveryStats.Snapshot> stats) {
        this.stats = stats;
    }

    @Override
    public MetricSnapshots collect() {
        DiscoveryStats.Snapshot snapshot = stats.get();
        CounterSnapshot.Builder requests = CounterSnapshot.builder().name("autopilot_consul_requests")
                .help("Calls to Consul by operation (register, check, deregister, maintenance, watch); a call retried"
                        + " counts once, a watch counts each query");
        snapshot.requests().forEach((operation, count) -> requests.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("operation", operation.label())).value(count).build()));
        CounterSnapshot.Builder errors = CounterSnapshot.builder().name("autopilot_consul_request_errors")
                .help("Failed calls to Consul by operation and kind (unreachable, rejected, invalid)");
        snapshot.errors().forEach((failure, count) -> errors.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("operation", failure.operation().label(), "kind",
                        failure.kind().name().toLowerCase(Locale.ROOT)))
                .value(count).build()));
        return MetricSnapshots.of(requests.build(), errors.build());
    }
}
