package io.autopilot.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of event, named as ContainerPilot names them: {@link #configName()} is what {@code when.once} and
 * {@code when.each} accept, {@link #metricLabel()} the {@code code} label of {@code containerpilot_events}.
 */
public enum EventCode {
    STARTUP("startup", "Startup", true),
    SHUTDOWN("shutdown", "Shutdown", false),
    EXIT_SUCCESS("exitSuccess", "ExitSuccess", true),
    EXIT_FAILED("exitFailed", "ExitFailed", true),
    ERROR("error", "Error", false),
    HEALTHY("healthy", "StatusHealthy", true),
    UNHEALTHY("unhealthy", "StatusUnhealthy", true),
    CHANGED("changed", "StatusChanged", true),
    STOPPING("stopping", "Stopping", true),
    STOPPED("stopped", "Stopped", true),
    TIMER_EXPIRED("timerExpired", "TimerExpired", true),
    GAVE_UP("gaveUp", "GaveUp", true),
    ENTER_MAINTENANCE("enterMaintenance", "EnterMaintenance", true),
    EXIT_MAINTENANCE("exitMaintenance", "ExitMaintenance", true),
    RENDERED("rendered", "Rendered", true),
    RENDER_FAILED("renderFailed", "RenderFailed", true),
    NO_ADDRESS("noAddress", "NoAddress", true),
    ELECTED("elected", "Elected", true),
    DEPOSED("deposed", "Deposed", true),
    SIGNAL("signal", "Signal", false),
    METRIC("metric", "Metric", false),
    QUIT("quit", "Quit", false);

    private final String configName;
    private final String metricLabel;
    private final boolean trigger;

    EventCode(String configName, String metricLabel, boolean trigger) {
        this.configName = configName;
        this.metricLabel = metricLabel;
        this.trigger = trigger;
    }

    public String configName() {
        return configName;
    }

    public String metricLabel() {
        return metricLabel;
    }

    /**
     * Whether a job can start on it. ContainerPilot handles {@code shutdown} as "quit" before looking at triggers, and
     * {@code error} carries its message as source; signals are triggered through {@code source}, not an event name.
     */
    public boolean isTrigger() {
        return trigger;
    }

    public static Optional<EventCode> fromConfigName(String name) {
        return Arrays.stream(values()).filter(code -> code.configName.equals(name)).findFirst();
    }
}
