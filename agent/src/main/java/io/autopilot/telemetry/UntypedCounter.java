package io.autopilot.telemetry;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;

/**
 * A counter exposed under its exact name, as an untyped metric. ContainerPilot's counters
 * ({@code containerpilot_events}, {@code containerpilot_control_http_requests}, user counters) have no
 * {@code _total}, and the Prometheus client 1.x appends {@code _total} to every counter sample in both text formats
 * (OpenMetrics requires it). A renamed series would break every dashboard and alert written against
 * ContainerPilot, so these are typed {@code untyped} (text) / {@code unknown} (OpenMetrics), whose samples keep the
 * family's name. PromQL's {@code rate()} works the same on them; only the type metadata is lost.
 *
 * <p>The live state is a client counter (lock-free, never negative); {@link #collect()} turns its snapshot into an
 * untyped one.
 */
final class UntypedCounter implements Collector {
    private final Counter counter;
    private final MetricMetadata metadata;

    UntypedCounter(String name, String help, String... labelNames) {
        Counter.Builder builder = Counter.builder().name(name).labelNames(labelNames);
        builder.withoutExemplars();
        if (!help.isEmpty()) {
            builder.help(help);
        }
        this.counter = builder.build();
        this.metadata = help.isEmpty() ? new MetricMetadata(name) : new MetricMetadata(name, help);
    }

    /** Adds {@code amount} (not negative) to the series with these label values. */
    void add(double amount, String... labelValues) {
        (labelValues.length == 0 ? counter : counter.labelValues(labelValues)).inc(amount);
    }

    void inc(String... labelValues) {
        add(1, labelValues);
    }

    @Override
    public MetricSnapshot collect() {
        return new UnknownSnapshot(metadata, counter.collect().getDataPoints().stream()
                .map(UntypedCounter::untyped).toList());
    }

    private static UnknownDataPointSnapshot untyped(CounterDataPointSnapshot point) {
        return new UnknownDataPointSnapshot(point.getValue(), point.getLabels(), null);
    }
}
