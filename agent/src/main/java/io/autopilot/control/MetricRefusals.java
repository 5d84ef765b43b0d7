package io.autopilot.control;

import io.autopilot.logging.Log;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Logs the values {@code /v3/metric} refuses, so an operator learns of a client's mistake from the agent's log too,
 * without a client that loops on a bad value flooding it: a metric's first refusal is logged at once, at WARN, with
 * its reason (which names the metric); further refusals of that metric are counted for a minute, and its next line
 * after that minute says how many there were. Confined to the control server's event loop.
 */
final class MetricRefusals {
    static final Duration QUIET = Duration.ofMinutes(1);
    /** Metrics followed one by one; names come from clients, so beyond this they share one count. */
    static final int MAX_METRICS = 100;
    /** The count of refusals that name no metric (a body that is not JSON), and of names beyond the limit. */
    private static final String OTHERS = "";

    private final Log log;
    private final LongSupplier nanoTime;
    private final Map<String, Quiet> byMetric = new HashMap<>();

    /** Since the last line logged for a metric: when it was, and how many refusals went unlogged. */
    private static final class Quiet {
        final long since;
        long unlogged;

        Quiet(long since) {
            this.since = since;
        }
    }

    MetricRefusals(Log log, LongSupplier nanoTime) {
        this.log = log;
        this.nanoTime = nanoTime;
    }

    /** One refused request: {@code metric} is the name it was refused for ("" when none), {@code reason} its answer. */
    void refused(String metric, String reason) {
        long now = nanoTime.getAsLong();
        String key = tracked(metric, now);
        Quiet quiet = byMetric.get(key);
        if (quiet != null && now - quiet.since < QUIET.toNanos()) {
            quiet.unlogged++;
            return;
        }
        long unlogged = quiet == null ? 0 : quiet.unlogged;
        byMetric.put(key, new Quiet(now));
        log.warn("control: /v3/metric refused: " + reason + (unlogged == 0 ? "" : " (" + unlogged
                + (unlogged == 1 ? " more was" : " more were") + " refused since the last such line)"));
    }

    private String tracked(String metric, long now) {
        if (byMetric.containsKey(metric) || byMetric.size() < MAX_METRICS) {
            return metric;
        }
        // Forget the metrics whose quiet minute is over with nothing counted: their next refusal is logged anyway.
        byMetric.values().removeIf(quiet -> quiet.unlogged == 0 && now - quiet.since >= QUIET.toNanos());
        return byMetric.size() < MAX_METRICS ? metric : OTHERS;
    }
}
