package io.autopilot.telemetry.textfile;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The series of a summary ({@code x{quantile="0.5"}}, {@code x_sum}, {@code x_count}) or a classic histogram
 * ({@code x_bucket{le="0.1"}}, {@code x_sum}, {@code x_count}) put together from their samples: one series per set of
 * the other labels. What the text format allows but the series cannot mean is refused with its line: a bucket count
 * below the one before it (buckets count cumulatively), a {@code _count} that is not the {@code +Inf} bucket's, a
 * count that is not a whole number. A histogram without a {@code +Inf} bucket takes its {@code _count} there, as
 * Prometheus' client library does.
 */
final class Distributions {
    private Distributions() {
    }

    /** A series as messages name it: {@code x{a="1"}}. */
    static String series(String name, Labels labels) {
        return name + (labels.isEmpty() ? "" : labels.toString());
    }

    static List<DataPointSnapshot> summaries(String name, List<SampleLine> samples) {
        Map<Labels, Series> all = group(name, samples, "quantile");
        List<DataPointSnapshot> points = new ArrayList<>();
        all.forEach((labels, series) -> {
            List<Quantile> quantiles = new ArrayList<>();
            series.marks.forEach((quantile, sample) -> quantiles.add(new Quantile(quantile, sample.value())));
            SummaryDataPointSnapshot.Builder point = SummaryDataPointSnapshot.builder().labels(labels)
                    .quantiles(Quantiles.of(quantiles));
            if (series.count != null) {
                point.count(whole(series.count, name + "_count"));
            }
            if (series.sum != null) {
                point.sum(series.sum.value());
            }
            points.add(point.build());
        });
        return points;
    }

    static List<DataPointSnapshot> histograms(String name, List<SampleLine> samples) {
        Map<Labels, Series> all = group(name, samples, "le");
        List<DataPointSnapshot> points = new ArrayList<>();
        all.forEach((labels, series) -> {
            HistogramDataPointSnapshot.Builder point = HistogramDataPointSnapshot.builder().labels(labels)
                    .classicHistogramBuckets(buckets(name, labels, series));
            if (series.sum != null) {
                point.sum(series.sum.value());
            }
            points.add(point.build());
        });
        return points;
    }

    /** The buckets as the client's model holds them: each one's own count, not the running total. */
    private static ClassicHistogramBuckets buckets(String name, Labels labels, Series series) {
        SampleLine infinite = series.marks.get(Double.POSITIVE_INFINITY);
        if (infinite == null && series.count == null) {
            throw new TextFormatException(series.line, "histogram " + series(name, labels)
                    + " has neither a +Inf bucket nor " + name + "_count");
        }
        long total = infinite == null ? whole(series.count, name + "_count") : whole(infinite, name + "_bucket");
        if (series.count != null && whole(series.count, name + "_count") != total) {
            throw new TextFormatException(series.count.line(), name + "_count (" + series.count.value()
                    + ") is not the count of the +Inf bucket (" + total + ")");
        }
        List<Double> bounds = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        long before = 0;
        for (Map.Entry<Double, SampleLine> bucket : series.marks.entrySet()) {
            long cumulative = whole(bucket.getValue(), name + "_bucket");
            if (cumulative < before) {
                throw new TextFormatException(bucket.getValue().line(), "bucket le=\"" + bucket.getValue().labels()
                        .get("le") + "\" counts " + cumulative + ", fewer than the bucket below it (" + before
                        + "): buckets count cumulatively");
            }
            bounds.add(bucket.getKey());
            counts.add(cumulative - before);
            before = cumulative;
        }
        if (infinite == null) {
            bounds.add(Double.POSITIVE_INFINITY);
            counts.add(total - before);
        }
        return ClassicHistogramBuckets.of(bounds, counts);
    }

    /**
     * The samples by series: {@code mark} ({@code quantile}, {@code le}) is on the samples named {@code name} (a
     * summary's) or {@code name_bucket} (a histogram's) and on no other, and each value is given once.
     */
    private static Map<Labels, Series> group(String name, List<SampleLine> samples, String mark) {
        String marked = mark.equals("le") ? name + "_bucket" : name;
        Map<Labels, Series> all = new LinkedHashMap<>();
        for (SampleLine sample : samples) {
            boolean isMarked = sample.name().equals(marked);
            if (!isMarked && !sample.name().equals(name + "_sum") && !sample.name().equals(name + "_count")) {
                // Only a histogram's own name comes here: its samples are all suffixed.
                throw new TextFormatException(sample.line(), "histogram " + name + " has no sample named "
                        + sample.name() + ": its samples are " + name + "_bucket, " + name + "_sum and " + name
                        + "_count");
            }
            String markValue = sample.labels().get(mark);
            if (isMarked == (markValue == null)) {
                throw new TextFormatException(sample.line(), isMarked ? sample.name() + " has no " + mark + " label"
                        : sample.name() + " has a " + mark + " label, which only " + marked + " may have");
            }
            Labels labels = sample.labelsWithout(mark);
            Series series = all.computeIfAbsent(labels, l -> new Series(sample.line()));
            if (isMarked) {
                series.mark(bound(markValue, mark, sample), sample);
            } else {
                series.add(sample, sample.name().endsWith("_sum"));
            }
        }
        return all;
    }

    private static double bound(String text, String mark, SampleLine sample) {
        double bound = SampleLine.value(text, new LineCursor(text, sample.line()));
        if (Double.isNaN(bound) || (mark.equals("quantile") && (bound < 0 || bound > 1))) {
            throw new TextFormatException(sample.line(), mark + "=\"" + text + "\" is not "
                    + (mark.equals("le") ? "a bucket's upper bound" : "a quantile between 0 and 1"));
        }
        return bound;
    }

    /** A count: a whole number, not negative, that a {@code long} holds exactly. */
    private static long whole(SampleLine sample, String what) {
        double value = sample.value();
        if (!(value >= 0 && value <= 0x1p53 && value == Math.rint(value))) {
            throw new TextFormatException(sample.line(), what + " must be a whole number of observations, not "
                    + value);
        }
        return (long) value;
    }

    /** One series' samples: quantiles or buckets by their bound, and its sum and count, each given once. */
    private static final class Series {
        private final int line;
        private final TreeMap<Double, SampleLine> marks = new TreeMap<>();
        private SampleLine sum;
        private SampleLine count;

        Series(int line) {
            this.line = line;
        }

        void mark(double bound, SampleLine sample) {
            once(marks.putIfAbsent(bound, sample), sample);
        }

        void add(SampleLine sample, boolean isSum) {
            once(isSum ? sum : count, sample);
            if (isSum) {
                sum = sample;
            } else {
                count = sample;
            }
        }

        private static void once(SampleLine earlier, SampleLine sample) {
            if (earlier != null) {
                throw new TextFormatException(sample.line(), series(sample.name(), sample.labelSet())
                        + " is already on line " + earlier.line());
            }
        }
    }
}
