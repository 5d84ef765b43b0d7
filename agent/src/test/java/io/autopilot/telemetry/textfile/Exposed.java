package io.autopilot.telemetry.textfile;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Snapshots as /metrics writes them, line by line, in the text format 0.0.4 or OpenMetrics. */
final class Exposed {
    private Exposed() {
    }

    static List<String> text(MetricSnapshots snapshots) {
        var out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, snapshots, EscapingScheme.fromAcceptHeader(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    static List<String> openMetrics(MetricSnapshots snapshots) {
        var out = new ByteArrayOutputStream();
        String accept = "application/openmetrics-text; version=1.0.0";
        try {
            OpenMetricsTextFormatWriter.create().write(out, snapshots, EscapingScheme.fromAcceptHeader(accept));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
