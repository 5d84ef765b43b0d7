package io.autopilot.telemetry.textfile;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One scrape's answer: the agent's own metrics, the families the folder's files give, and the textfile metrics. A
 * family of the same name in several files is served once, with the series of each, when their types and help texts
 * agree and no series is given twice. Prometheus refuses a whole scrape that names a sample twice, so a family whose
 * samples would share a name with another's (the agent's own, or an earlier file's) is left out, and said so; the
 * files are taken in name order, the first keeps its family.
 */
final class TextfileMerge {
    static final String ERROR_METRIC = "autopilot_textfile_scrape_error";
    static final String MTIME_METRIC = "autopilot_textfile_mtime_seconds";

    private final List<String> problems;
    private final Map<String, String> taken = new HashMap<>();
    private final Map<String, TextfileFamily> served = new LinkedHashMap<>();
    private final Map<String, Set<Path>> files = new HashMap<>();

    private TextfileMerge(List<String> problems) {
        this.problems = new ArrayList<>(problems);
    }

    /** What one scrape serves, and every problem of it (the read's too). */
    record Served(MetricSnapshots snapshots, List<String> problems) {
        Served {
            problems = List.copyOf(problems);
        }
    }

    static Served of(TextfileFolder.Read read, MetricSnapshots own) {
        TextfileMerge merge = new TextfileMerge(read.problems());
        own.forEach(snapshot -> names(snapshot).forEach(name -> merge.taken.put(name,
                "the agent's own metric " + snapshot.getMetadata().getPrometheusName())));
        Stream.of(ERROR_METRIC, MTIME_METRIC).forEach(name -> merge.taken.put(name, "the agent's own metric " + name));
        read.families().forEach(merge::add);
        return merge.serve(own, read.modified());
    }

    private void add(TextfileFamily family) {
        TextfileFamily earlier = served.get(family.name());
        Optional<String> refusal = earlier != null ? conflict(earlier, family) : names(family)
                .filter(taken::containsKey).findFirst().map(name -> name + " is " + taken.get(name));
        if (refusal.isPresent()) {
            problems.add(family.where() + ": " + family.name() + " is left out: " + refusal.get());
            return;
        }
        served.put(family.name(), earlier == null ? family : earlier.with(family));
        files.computeIfAbsent(family.name(), name -> new LinkedHashSet<>()).add(family.file());
        names(family).forEach(name -> taken.putIfAbsent(name, family.name() + " of " + family.where()));
    }

    /** Why {@code later} cannot join {@code earlier}, the same family from an earlier file, if it cannot. */
    private static Optional<String> conflict(TextfileFamily earlier, TextfileFamily later) {
        if (earlier.type() != later.type()) {
            return Optional.of("it is a " + earlier.type().text() + " in " + earlier.where());
        }
        if (earlier.help().isPresent() && later.help().isPresent() && !earlier.help().equals(later.help())) {
            return Optional.of("its help text differs from the one in " + earlier.where());
        }
        Set<Labels> series = new LinkedHashSet<>(earlier.series());
        return later.series().stream().filter(series::contains).findFirst()
                .map(labels -> "its series " + Distributions.series(later.name(), labels) + " is also in "
                        + earlier.file());
    }

    private Served serve(MetricSnapshots own, Map<Path, Double> modified) {
        List<MetricSnapshot> all = new ArrayList<>();
        own.forEach(all::add);
        served.values().forEach(family -> {
            // Without help, promtool complains; say where the metric comes from, as the node exporter does.
            String help = family.help().orElseGet(() -> "Metric read from " + files.get(family.name()).stream()
                    .map(Path::toString).collect(Collectors.joining(", ")));
            try {
                all.add(family.snapshot(help));
            } catch (IllegalArgumentException e) {
                problems.add(family.where() + ": " + family.name() + " is left out: " + e.getMessage());
            }
        });
        if (!modified.isEmpty()) {
            GaugeSnapshot.Builder mtimes = GaugeSnapshot.builder().name(MTIME_METRIC).help("When each file of"
                    + " telemetry.textfiles read at this scrape was last modified, in seconds since the epoch");
            modified.forEach((file, seconds) -> mtimes.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("file", file.toString())).value(seconds).build()));
            all.add(mtimes.build());
        }
        try {
            return new Served(new MetricSnapshots(withError(all)), problems);
        } catch (IllegalArgumentException e) {
            // The checks above are meant to make this impossible; if one missed a case, the agent's own still serve.
            problems.add("the files' metrics cannot be served with the agent's own: " + e.getMessage());
            List<MetricSnapshot> ownOnly = new ArrayList<>();
            own.forEach(ownOnly::add);
            return new Served(new MetricSnapshots(withError(ownOnly)), problems);
        }
    }

    private List<MetricSnapshot> withError(List<MetricSnapshot> snapshots) {
        List<MetricSnapshot> all = new ArrayList<>(snapshots);
        all.add(GaugeSnapshot.builder().name(ERROR_METRIC).help("1 if a file of telemetry.textfiles, or the folder,"
                + " could not be read or served in full at this scrape (the log says why), else 0")
                .dataPoint(GaugeDataPointSnapshot.builder().value(problems.isEmpty() ? 0 : 1).build()).build());
        return all;
    }

    /** Every sample name a family of the agent's own is written with, in either text format, and its own name. */
    private static Stream<String> names(MetricSnapshot snapshot) {
        String name = snapshot.getMetadata().getPrometheusName();
        return switch (snapshot) {
            case CounterSnapshot _ -> Stream.of(name, name + "_total", name + "_created");
            case SummarySnapshot _ -> Stream.of(name, name + "_sum", name + "_count", name + "_created");
            case HistogramSnapshot _ -> Stream.of(name, name + "_bucket", name + "_sum", name + "_count",
                    name + "_created", name + "_gsum", name + "_gcount");
            case InfoSnapshot _ -> Stream.of(name, name + "_info");
            default -> Stream.of(name);
        };
    }

    /** The same for a family of a file, as {@link TextfileFamily#snapshot} will serve it. */
    private static Stream<String> names(TextfileFamily family) {
        String name = family.name();
        return switch (family.type()) {
            case COUNTER -> TextfileFamily.servedAsCounter(name)
                    ? Stream.of(name, name.substring(0, name.length() - "_total".length()),
                            name.replaceFirst("_total$", "_created"))
                    : Stream.of(name);
            case GAUGE, UNTYPED -> Stream.of(name);
            case SUMMARY -> Stream.of(name, name + "_sum", name + "_count", name + "_created");
            case HISTOGRAM -> Stream.of(name, name + "_bucket", name + "_sum", name + "_count", name + "_created");
        };
    }
}
