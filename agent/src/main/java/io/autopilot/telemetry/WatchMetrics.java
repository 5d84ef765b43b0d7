package io.autopilot.telemetry;

import io.autopilot.watches.WatchSnapshot;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.List;
import java.util.function.Supplier;

/**
 * The watches' metrics, read at scrape time from their snapshots: ContainerPilot's
 * {@code containerpilot_watch_instances{service}} (as in ContainerPilot, a watch shows up there once it has had a
 * result), and ours, labelled {@code watch}, for every running watch.
 */
final class WatchMetrics implements MultiCollector {
    private final Supplier<List<WatchSnapshot>> watches;

    WatchMetrics(Supplier<List<WatchSnapshot>> watches) {
        this.watches = watches;
    }

    @Override
    public MetricSnapshots collect() {
        List<WatchSnapshot> snapshots = watches.get();
        GaugeSnapshot.Builder instances = GaugeSnapshot.builder().name("containerpilot_watch_instances")
                .help("Healthy instances of each watched service");
        CounterSnapshot.Builder changes = CounterSnapshot.builder().name("autopilot_watch_changes")
                .help("Changes a watch has published");
        SummarySnapshot.Builder queries = SummarySnapshot.builder().name("autopilot_watch_query_seconds")
                .help("Time Consul took to answer a watch's queries; a blocking query is held until the data changes"
                        + " or its wait runs out");
        for (WatchSnapshot watch : snapshots) {
            if (watch.results()) {
                instances.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("service", watch.name()))
                        .value(watch.instances()).build());
            }
            Labels labels = Labels.of("watch", watch.name());
            changes.dataPoint(CounterDataPointSnapshot.builder().labels(labels).value(watch.changes()).build());
            queries.dataPoint(SummaryDataPointSnapshot.builder().labels(labels).count(watch.queries())
                    .sum(watch.queryTime().toNanos() / 1e9).build());
        }
        return MetricSnapshots.of(instances.build(), changes.build(), queries.build());
    }
}
