package io.autopilot.faults;

import io.autopilot.decode.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How long and how often a case tries its fault. The suite runs each case in a bounded form (seconds); by hand, system
 * properties make it longer: {@code -Dfaults.rounds=20 -Dfaults.outage=10s -Dfaults.stall=60s}.
 */
final class FaultRuns {
    private FaultRuns() {
    }

    /** How many times a case tries its fault ({@code faults.rounds}). */
    static int rounds(int bounded) {
        return Integer.parseInt(System.getProperty("faults.rounds", Integer.toString(bounded)));
    }

    /** How many times a case tries its fault, counted by its own {@code property}: its bounded default or -D. */
    static int rounds(String property, int bounded) {
        return Integer.getInteger(property, bounded);
    }

    /** A duration of the fault, {@code faults.<name>} as {@code 60s} or {@code 500ms}, else {@code bounded}. */
    static Duration duration(String name, Duration bounded) {
        String value = System.getProperty("faults." + name);
        return value == null || value.isBlank() ? bounded : GoDuration.parse(value.strip());
    }

    /** A case's figure, on a line of its own in the test's output: {@code fault: <case>: <figure>}. */
    static void report(String kase, String format, Object... arguments) {
        System.out.println("fault: " + kase + ": " + String.format(Locale.ROOT, format, arguments));
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /**
     * The most lines an outage may cost without being spam: a few for each outage (unreachable, reachable again, one
     * for each of {@code services} registered again) plus a few per minute that it lasts.
     */
    static int spamBound(int outages, long outageNanos, int services) {
        return outages * (services + 4) + (int) Math.ceil(outageNanos / 60e9) * 5;
    }
}
