package io.autopilot.telemetry;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import io.autopilot.discovery.InterfaceSpec;
import io.autopilot.discovery.Interfaces;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code telemetry} block: the Prometheus endpoint ({@code /metrics}, {@code /status}) and the user metrics it
 * exposes. As in ContainerPilot, the endpoint is also registered in Consul as service {@code containerpilot}.
 *
 * @param textfiles a folder whose {@code *.prom} files in the Prometheus text format {@code /metrics} serves too, read
 *     at each scrape (not in ContainerPilot: the node exporter's textfile collector)
 */
public record TelemetryConfig(int port, List<InterfaceSpec> interfaces, List<String> tags, List<MetricConfig> metrics,
                              Optional<Path> textfiles) {
    /** The job name ContainerPilot gives the telemetry endpoint's own registration. */
    public static final String JOB_NAME = "containerpilot";

    public TelemetryConfig {
        interfaces = List.copyOf(interfaces);
        tags = List.copyOf(tags);
        metrics = List.copyOf(metrics);
    }

    public static TelemetryConfig decode(Fields fields, KeyPath path) {
        int port = fields.integer("port", 1, 65535).orElse(9090L).intValue();
        List<InterfaceSpec> interfaces = Interfaces.decode(fields, "interfaces");
        List<String> tags = fields.strings("tags").orElse(List.of());
        List<MetricConfig> metrics = fields.objects("metrics", MetricConfig::decode);
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            if (seen.putIfAbsent(metrics.get(i).fullName(), i) != null) {
                fields.problem("metrics", "metric \"" + metrics.get(i).fullName() + "\" is defined twice");
            }
        }
        return new TelemetryConfig(port, interfaces, tags, metrics, folder(fields, "textfiles"));
    }

    private static Optional<Path> folder(Fields fields, String key) {
        return fields.string(key).flatMap(text -> {
            try {
                if (!text.isBlank()) {
                    return Optional.of(Path.of(text));
                }
            } catch (InvalidPathException e) {
                // Named below, as a blank path is.
            }
            fields.problem(key, "must be a folder's path");
            return Optional.empty();
        });
    }
}
