package io.autopilot.telemetry;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.function.Supplier;

/**
 * ContainerPilot's {@code containerpilot_watch_instances{service}}: the healthy instances each watch sees, read at
 * scrape time from the watches' snapshots. As in ContainerPilot, a watch shows up once it has had a result.
 */
final class WatchMetrics implements MultiCollector {
    private final Supplier<Map<String, Integer>> instances;

    WatchMetrics(Supplier<Map<String, Integer>> instances) {
        this.instances = instances;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name("containerpilot_watch_instances")
                .help("Healthy instances of each watched service");
        instances.get().forEach((service, count) -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of("service", service)).value(count).build()));
        return MetricSnapshots.of(gauge.build());
    }
}
