package io.autopilot.telemetry;

import io.autopilot.events.Event;
import io.autopilot.events.ExitCause;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What the bus tells about the agent: ContainerPilot's {@code containerpilot_events{code,source}} (every event but
 * {@code Metric}, as there), and our per-job counters of exits and health-check results.
 */
final class EventMetrics {
    private static final String CHECK_PREFIX = "check.";
    private static final String WATCH_PREFIX = "watch.";
    private static final String TEMPLATE_PREFIX = "template.";

    private final UntypedCounter events = new UntypedCounter("containerpilot_events",
            "ContainerPilot events by code and source", "code", "source");
    private final Counter exits;
    private final Counter checks;
    private final Counter renders;

    EventMetrics(PrometheusRegistry registry) {
        registry.register(events);
        exits = Counter.builder().name("autopilot_job_exits_total").labelNames("name", "reason", "cause")
                .help("Runs of a job's process that ended, by how (reason: success, failure (a non-zero exit),"
                        + " signal, timeout, spawn_failure) and why (cause: exit, stopped, timeout, oom, signal,"
                        + " spawn_failure)").withoutExemplars().register(registry);
        checks = Counter.builder().name("autopilot_health_checks_total").labelNames("name", "result")
                .help("Health checks run, by result: passed, failed").withoutExemplars().register(registry);
        renders = Counter.builder().name("autopilot_template_renders_total").labelNames("name", "result")
                .help("Renders of a template that reached its file or failed, by result: changed (the file was"
                        + " replaced), unchanged (a first render found it current), failed").withoutExemplars()
                .register(registry);
    }

    // No default: a new kind of event must decide here whether and how it is counted.
    void record(Event event) {
        switch (event) {
            case Event.Metric m -> {
                return; // values for user metrics; ContainerPilot did not count them either
            }
            case Event.ExitSuccess e -> exited(e.source(), "success", e.cause());
            case Event.ExitFailed e -> exited(e.source(), failure(e), e.cause());
            case Event.Healthy e -> checked(e.source(), "passed");
            case Event.Unhealthy e -> checked(e.source(), "failed");
            case Event.Rendered e -> rendered(e.source(), e.changed() ? "changed" : "unchanged");
            case Event.RenderFailed e -> rendered(e.source(), "failed");
            case Event.Startup _, Event.Shutdown _, Event.Changed _, Event.Stopping _, Event.Stopped _,
                 Event.TimerExpired _, Event.GaveUp _, Event.EnterMaintenance _, Event.ExitMaintenance _,
                 Event.SignalReceived _, Event.NoAddress _, Event.Elected _, Event.Deposed _ -> { }
        }
        events.inc(event.code().metricLabel(), event.source());
    }

    /** A check's process exit is counted by its result ({@code healthy}/{@code unhealthy}), not as a job's exit. */
    private void exited(String source, String reason, ExitCause cause) {
        if (!source.startsWith(CHECK_PREFIX)) {
            exits.labelValues(source, reason, cause.label()).inc();
        }
    }

    /** Jobs publish {@code healthy}/{@code unhealthy} after every check; watches on a change, which is no check. */
    private void checked(String source, String result) {
        if (!source.startsWith(WATCH_PREFIX)) {
            checks.labelValues(source, result).inc();
        }
    }

    private void rendered(String source, String result) {
        renders.labelValues(source.substring(TEMPLATE_PREFIX.length()), result).inc();
    }

    private static String failure(Event.ExitFailed failed) {
        if (failed.pid() == 0) {
            return "spawn_failure";
        }
        if (failed.reason().startsWith("timed out")) {
            return "timeout";
        }
        return failed.reason().startsWith("killed by") ? "signal" : "failure";
    }
}
