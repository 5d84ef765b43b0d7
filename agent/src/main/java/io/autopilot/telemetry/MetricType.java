package io.autopilot.telemetry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of user metric {@code telemetry.metrics[].type} accepts. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<MetricType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst();
    }
}
