package io.autopilot.telemetry;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code autopilot_internal_errors_total}: what parts of the agent caught and did not expect, by part, read at scrape
 * time from the agent's own counts, which outlive a reload. Anything above zero is a bug to report.
 */
final class InternalErrorMetrics implements MultiCollector {
    private final Supplier<Map<String, Long>> counts;

    InternalErrorMetrics(Supplier<Map<String, Long>> counts) {
        this.counts = counts;
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder errors = CounterSnapshot.builder().name("autopilot_internal_errors")
                .help("Throwables a part of the agent caught and did not expect, by part; the log has each one");
        counts.get().forEach((part, count) -> errors.dataPoint(CounterDataPointSnapshot.builder()
                .labels(Labels.of("part", part)).value(count).build()));
        return MetricSnapshots.of(errors.build());
    }
}
