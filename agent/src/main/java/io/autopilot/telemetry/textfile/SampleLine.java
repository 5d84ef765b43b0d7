package io.autopilot.telemetry.textfile;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One sample line of the text format: {@code name{label="value",…} value}. Blanks may surround every token, and a
 * comma may end the labels. A label with an empty value is dropped, because Prometheus stores {@code x{a=""}} as
 * {@code x}: two such lines are then the same series.
 *
 * <p>A timestamp after the value refuses the line, and so the file, as the node exporter's textfile collector does:
 * the agent serves each sample as of the scrape, and a timestamp that lags behind would make Prometheus drop the
 * sample as out of order, or keep a series alive past its writer.
 *
 * @param labels by name, in no particular order
 */
record SampleLine(String name, Map<String, String> labels, double value, int line) {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    /** The labels as the client's model holds them. */
    Labels labelSet() {
        return labelsWithout("");
    }

    /** The same without {@code label} ({@code le}, {@code quantile}). */
    Labels labelsWithout(String label) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        labels.forEach((name, value) -> {
            if (!name.equals(label)) {
                names.add(name);
                values.add(value);
            }
        });
        return Labels.of(names, values);
    }

    static SampleLine parse(LineCursor cursor) {
        String name = cursor.metricName();
        cursor.skipBlanks();
        Map<String, String> labels = cursor.take('{') ? labels(cursor) : Map.of();
        cursor.skipBlanks();
        String text = cursor.token();
        if (text.isEmpty()) {
            throw cursor.problem("expected the value of " + name + ", found the end of the line");
        }
        double value = value(text, cursor);
        cursor.skipBlanks();
        if (!cursor.atEnd()) {
            String after = cursor.remainder().strip();
            throw cursor.problem(INTEGER.matcher(after).matches()
                    ? "a timestamp (" + after + ") after the value: samples with timestamps are not served, and"
                            + " the file is left out, as the node exporter does"
                    : "unexpected \"" + after + "\" after the value");
        }
        return new SampleLine(name, labels, value, cursor.line());
    }

    /** The labels after the opening brace, up to and with the closing one. */
    private static Map<String, String> labels(LineCursor cursor) {
        Map<String, String> labels = new LinkedHashMap<>();
        Set<String> given = new HashSet<>();
        cursor.skipBlanks();
        while (!cursor.take('}')) {
            String label = cursor.labelName();
            if (label.startsWith("__")) {
                throw cursor.problem("label " + label + ": names starting with \"__\" are Prometheus' own");
            }
            if (!given.add(label)) {
                throw cursor.problem("label " + label + " is given twice");
            }
            cursor.skipBlanks();
            cursor.expect('=', "after label " + label);
            cursor.skipBlanks();
            String value = cursor.quoted();
            if (!value.isEmpty()) {
                labels.put(label, value);
            }
            cursor.skipBlanks();
            if (!cursor.take(',')) {
                cursor.expect('}', "or ',' after the value of label " + label);
                break;
            }
            cursor.skipBlanks();
        }
        return Collections.unmodifiableMap(labels);
    }

    /**
     * A value as Go's {@code strconv.ParseFloat} reads it in decimal (what Prometheus and the node exporter accept):
     * {@code 1}, {@code -2.5e3}, {@code NaN}, {@code +Inf}, {@code -Inf}, {@code Inf}, case-insensitively for the
     * words. A number too large for a double ({@code 1e400}) is refused, as there, rather than read as infinity.
     */
    static double value(String text, LineCursor cursor) {
        if (text.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw cursor.problem("\"" + text + "\" is not a number");
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw cursor.problem(text + " is out of the range of a double");
        }
        return value;
    }
}
