package io.autopilot.telemetry.textfile;

import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot.UnknownDataPointSnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A family while its file is read: what its {@code # HELP} and {@code # TYPE} lines said, and its samples in order.
 * As in Prometheus' parser, each of those lines may come once, and a type must come before the family's samples.
 */
final class FamilyBuilder {
    private final String name;
    private final int line;
    private FamilyType type;
    private int typeLine;
    private String help;
    private int helpLine;
    private final List<SampleLine> samples = new ArrayList<>();

    FamilyBuilder(String name, int line) {
        this.name = name;
        this.line = line;
    }

    void help(String text, int at) {
        if (help != null) {
            throw new TextFormatException(at, "a second HELP line for " + name + " (the first is line " + helpLine
                    + ")");
        }
        help = text;
        helpLine = at;
    }

    void type(FamilyType declared, int at) {
        if (type != null) {
            throw new TextFormatException(at, "a second TYPE line for " + name + " (the first is line " + typeLine
                    + ")");
        }
        if (!samples.isEmpty()) {
            throw new TextFormatException(at, "the TYPE line of " + name + " comes after its first sample (line "
                    + samples.getFirst().line() + "); it must come before it");
        }
        type = declared;
        typeLine = at;
    }

    /** Whether samples named this family's name plus {@code suffix} are its own ({@code _sum} of a summary). */
    boolean owns(String suffix) {
        return type != null && type.owns(suffix);
    }

    void add(SampleLine sample) {
        samples.add(sample);
    }

    boolean hasSamples() {
        return !samples.isEmpty();
    }

    TextfileFamily build(Path file) {
        FamilyType built = type == null ? FamilyType.UNTYPED : type;
        List<DataPointSnapshot> points = switch (built) {
            case SUMMARY -> Distributions.summaries(name, samples);
            case HISTOGRAM -> Distributions.histograms(name, samples);
            case COUNTER, GAUGE, UNTYPED -> values(built);
        };
        return new TextfileFamily(name, built, Optional.ofNullable(help), file, line, points);
    }

    private List<DataPointSnapshot> values(FamilyType built) {
        boolean counter = built == FamilyType.COUNTER && TextfileFamily.servedAsCounter(name);
        Map<Labels, Integer> seen = new HashMap<>();
        List<DataPointSnapshot> points = new ArrayList<>();
        for (SampleLine sample : samples) {
            Labels labels = sample.labelSet();
            Integer first = seen.putIfAbsent(labels, sample.line());
            if (first != null) {
                throw new TextFormatException(sample.line(), Distributions.series(name, labels)
                        + " is already on line " + first);
            }
            if (built == FamilyType.COUNTER && sample.value() < 0) {
                throw new TextFormatException(sample.line(), "counter " + name + " is negative: " + sample.value());
            }
            points.add(switch (built) {
                case GAUGE -> GaugeDataPointSnapshot.builder().labels(labels).value(sample.value()).build();
                case COUNTER -> counter
                        ? CounterDataPointSnapshot.builder().labels(labels).value(sample.value()).build()
                        : UnknownDataPointSnapshot.builder().labels(labels).value(sample.value()).build();
                case UNTYPED, SUMMARY, HISTOGRAM ->
                        UnknownDataPointSnapshot.builder().labels(labels).value(sample.value()).build();
            });
        }
        return points;
    }
}
