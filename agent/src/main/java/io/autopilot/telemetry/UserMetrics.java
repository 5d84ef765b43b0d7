package io.autopilot.telemetry;

import io.autopilot.events.Event;
import io.autopilot.logging.Log;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of {@code telemetry.metrics}, by full name. A value is matched by the metric's full name, the one
 * Prometheus shows: ContainerPilot matched {@code namespace + "_" + subsystem + "_" + name} always joined, so a
 * metric without namespace or subsystem was keyed {@code __name} and never received a value (its issue 569).
 */
final class UserMetrics {
    private final Map<String, Registered> byName = new LinkedHashMap<>();
    private final Log log;

    /** Registers each metric; one the client refuses (a name it reserves) is logged and left out. */
    UserMetrics(List<MetricConfig> configs, PrometheusRegistry registry, Log log) {
        this.log = log;
        for (MetricConfig config : configs) {
            try {
                byName.put(config.fullName(), new Registered(config.type(), UserMetric.register(config, registry)));
            } catch (IllegalArgumentException | IllegalStateException e) {
                log.warn("telemetry: metric " + config.fullName() + " cannot be exposed: " + e.getMessage());
            }
        }
    }

    private record Registered(MetricType type, UserMetric metric) {
    }

    /** Applies a value to the metric it names, unless its type refuses it (the control plane refuses it first). */
    void apply(Event.Metric metric) {
        Registered target = byName.get(metric.source());
        if (target == null) {
            // ContainerPilot ignored unknown names silently; a typo is easier to find with this.
            log.debug("telemetry: no metric named " + metric.source() + " in telemetry.metrics; value ignored");
            return;
        }
        target.type().refusal(metric.value()).ifPresentOrElse(
                refused -> log.warn("telemetry: value for " + metric.source() + " refused: " + refused),
                () -> target.metric().apply(metric.value()));
    }
}
