package io.autopilot.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/** A scrape of {@link AgentMetrics} as /metrics writes it, cut down to the lines of one metric. */
final class MetricLines {
    /** The {@code Accept} header of a Prometheus server, which asks for OpenMetrics. */
    static final String OPEN_METRICS = "application/openmetrics-text;version=1.0.0,text/plain;q=0.5";

    private MetricLines() {
    }

    /** The samples and the HELP and TYPE lines of {@code name}, in the format {@code accept} chooses. */
    static List<String> of(AgentMetrics metrics, String accept, String name) {
        String text = new String(Exposition.of(metrics.scrape(), accept).body(), StandardCharsets.UTF_8);
        return text.lines().filter(line -> Stream.of(name + " ", name + "{", "# HELP " + name + " ",
                "# TYPE " + name + " ").anyMatch(line::startsWith)).toList();
    }
}
