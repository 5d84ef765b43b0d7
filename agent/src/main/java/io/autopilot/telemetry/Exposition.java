package io.autopilot.telemetry;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code /metrics}'s body: the Prometheus text format 0.0.4 (what ContainerPilot served), or OpenMetrics 1.0 when the
 * {@code Accept} header asks for it (Prometheus servers do), written by the client's own writers.
 *
 * @param contentType the {@code Content-Type} to answer with
 */
record Exposition(String contentType, byte[] body) {
    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();
    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();

    static Exposition of(MetricSnapshots snapshots, String accept) {
        ExpositionFormatWriter writer = accept != null && OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
        var body = new ByteArrayOutputStream(4096);
        try {
            writer.write(body, snapshots, EscapingScheme.fromAcceptHeader(accept));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return new Exposition(writer.getContentType(), body.toByteArray());
    }
}
