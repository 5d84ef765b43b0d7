package io.autopilot.telemetry.textfile;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One metric family as one file gives it: its name, type and help, and its series as the client's data points.
 * Families of the same name from several files are served as one ({@link #with}).
 *
 * @param line where the file first names it, for problems
 * @param points one per series, of the class its type exposes (a counter without {@code _total}: untyped ones)
 */
record TextfileFamily(String name, FamilyType type, Optional<String> help, Path file, int line,
                      List<DataPointSnapshot> points) {
    private static final String TOTAL = "_total";

    TextfileFamily {
        points = List.copyOf(points);
    }

    /**
     * Whether a counter keeps its type. The client writes every counter's samples with {@code _total} appended (in
     * both text formats), so a counter named otherwise is served untyped under its exact name, as the agent serves
     * ContainerPilot's counters: its series keeps its name, and {@code rate()} works the same.
     */
    static boolean servedAsCounter(String name) {
        return name.endsWith(TOTAL) && name.length() > TOTAL.length();
    }

    String where() {
        return file + ":" + line;
    }

    List<Labels> series() {
        return points.stream().map(DataPointSnapshot::getLabels).toList();
    }

    /** This family's series followed by {@code other}'s, of the same name and type. */
    TextfileFamily with(TextfileFamily other) {
        List<DataPointSnapshot> all = new ArrayList<>(points);
        all.addAll(other.points);
        return new TextfileFamily(name, type, help.or(other::help), file, line, all);
    }

    /** The family as the client's writers take it, with {@code help} as its help text. */
    MetricSnapshot snapshot(String help) {
        return switch (type) {
            case COUNTER -> servedAsCounter(name)
                    ? new CounterSnapshot(new MetricMetadata(name.substring(0, name.length() - TOTAL.length()), help),
                            points(CounterDataPointSnapshot.class))
                    : new UnknownSnapshot(new MetricMetadata(name, help), points(UnknownDataPointSnapshot.class));
            case GAUGE -> new GaugeSnapshot(new MetricMetadata(name, help), points(GaugeDataPointSnapshot.class));
            case UNTYPED -> new UnknownSnapshot(new MetricMetadata(name, help), points(UnknownDataPointSnapshot.class));
            case SUMMARY -> new SummarySnapshot(new MetricMetadata(name, help), points(SummaryDataPointSnapshot.class));
            case HISTOGRAM -> new HistogramSnapshot(new MetricMetadata(name, help),
                    points(HistogramDataPointSnapshot.class));
        };
    }

    private <T extends DataPointSnapshot> List<T> points(Class<T> kind) {
        return points.stream().map(kind::cast).toList();
    }
}
