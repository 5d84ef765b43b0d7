package io.autopilot.telemetry;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of user metric {@code telemetry.metrics[].type} accepts. */
public enum MetricType {
    COUNTER, GAUGE, HISTOGRAM, SUMMARY;

    /**
     * Why {@code value} cannot be given to a metric of this type, for whoever sent it; empty if it can. A value that
     * is not finite is refused for every type: a counter would stay at {@code +Inf} for good, a gauge would show it,
     * a histogram and a summary would silently drop it. A counter only grows: ContainerPilot passed a negative value
     * to its client library, which panicked and, by code reading, crashed the agent.
     */
    public Optional<String> refusal(double value) {
        if (!Double.isFinite(value)) {
            return Optional.of(value + " is not a finite number");
        }
        if (this == COUNTER && value < 0) {
            return Optional.of("a counter only grows: " + value + " is negative");
        }
        return Optional.empty();
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<MetricType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst();
    }
}
