package io.autopilot.telemetry;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code autopilot_last_known_good{source}}: for every running template and watch, 1 while what it acted on last is
 * last-known-good data saved earlier (Consul has not answered since the agent started), else 0. Read at scrape time.
 */
final class SavedDataMetrics implements MultiCollector {
    private final Supplier<Map<String, Boolean>> servingSaved;

    /** @param servingSaved by source ({@code template.<name>}, {@code watch.<name>}): whether it serves saved data */
    SavedDataMetrics(Supplier<Map<String, Boolean>> servingSaved) {
        this.servingSaved = servingSaved;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("autopilot_last_known_good")
                .help("1 while a template or watch serves last-known-good data because Consul has not answered it"
                        + " since the agent started, else 0");
        servingSaved.get().forEach((source, saved) -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of("source", source)).value(saved ? 1 : 0).build()));
        return MetricSnapshots.of(gauge.build());
    }
}
