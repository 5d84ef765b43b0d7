package io.autopilot.telemetry;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One user metric of {@code telemetry.metrics}, fed by {@code -putmetric} and {@code /v3/metric}. Its Prometheus
 * name joins the non-empty parts of namespace, subsystem and name with {@code _}.
 */
public record MetricConfig(String namespace, String subsystem, String name, String help, MetricType type) {
    private static final Pattern METRIC_NAME = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]*$");

    public String fullName() {
        return Stream.of(namespace, subsystem, name).filter(s -> !s.isEmpty()).collect(Collectors.joining("_"));
    }

    static Optional<MetricConfig> decode(Fields fields, KeyPath path) {
        String namespace = fields.string("namespace", "");
        String subsystem = fields.string("subsystem", "");
        Optional<String> name = fields.requiredString("name");
        String help = fields.string("help", "");
        Optional<MetricType> type = fields.requiredString("type").flatMap(text -> {
            Optional<MetricType> known = MetricType.fromConfigName(text);
            if (known.isEmpty()) {
                fields.problem("type", "\"" + text + "\" is not a metric type; one of " + Arrays.stream(
                        MetricType.values()).map(MetricType::configName).collect(Collectors.joining(", ")));
            }
            return known;
        });
        if (name.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        MetricConfig metric = new MetricConfig(namespace, subsystem, name.get(), help, type.get());
        if (!METRIC_NAME.matcher(metric.fullName()).matches()) {
            fields.problem("name", "\"" + metric.fullName() + "\" is not a Prometheus metric name (letters, digits,"
                    + " '_' and ':', not starting with a digit)");
            return Optional.empty();
        }
        return Optional.of(metric);
    }
}
