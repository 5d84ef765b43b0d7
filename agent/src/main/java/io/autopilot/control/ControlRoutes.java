package io.autopilot.control;

import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What each endpoint does, apart from HTTP: ContainerPilot's {@code /v3} endpoints with its status codes, and ours
 * ({@code /v3/status}, {@code /v3/jobs/…}). A malformed request gets a 4xx with a message, never an exception.
 */
final class ControlRoutes {
    /** Every path {@link #handle} serves, the job routes aside. */
    private static final Set<String> PATHS = Set.of("/v3/environ", "/v3/reload", "/v3/metric",
            "/v3/maintenance/enable", "/v3/maintenance/disable", "/v3/ping", "/v3/status");

    private final EventBus bus;
    private final ControlledAgent agent;
    private final List<StatusSource> sources;
    private final String version;
    private final Supplier<Duration> uptime;
    private final Log log;
    private final JobRoutes jobs;
    private final MetricRefusals metricRefusals;

    ControlRoutes(EventBus bus, ControlledAgent agent, List<StatusSource> sources, String version,
                  Supplier<Duration> uptime, Log log) {
        this.bus = bus;
        this.agent = agent;
        this.sources = List.copyOf(sources);
        this.version = version;
        this.uptime = uptime;
        this.log = log;
        this.jobs = new JobRoutes(agent);
        this.metricRefusals = new MetricRefusals(log, System::nanoTime);
    }

    /**
     * The route a path is counted under: itself if served, one value for every job's routes, and {@code other} for a
     * path no route serves, so that a scanner cannot grow a metric without bound.
     */
    static String route(String path) {
        if (path == null) {
            return "other";
        }
        if (PATHS.contains(path)) {
            return path;
        }
        return path.startsWith(JobRoutes.PREFIX) ? "/v3/jobs" : "other";
    }

    Future<Reply> handle(String method, Target target, Buffer body) {
        String path = target.path();
        if (path.equals("/v3/ping")) {
            return Future.succeededFuture(Reply.ok()); // any method, as ContainerPilot
        }
        if (JobRoutes.serves(target)) {
            return jobs.handle(method, target, body);
        }
        if (path.equals("/v3/status")) {
            return Future.succeededFuture(method.equals("GET") || method.equals("HEAD")
                    ? Reply.json(StatusDocument.of(version, uptime.get(), agent.jobs(), sources))
                    : Reply.text(405, path + " takes GET, not " + method));
        }
        Optional<Supplier<Future<Reply>>> action = switch (path) {
            case "/v3/environ" -> Optional.of(() -> environ(body));
            case "/v3/reload" -> Optional.of(this::reload);
            case "/v3/metric" -> Optional.of(() -> metric(body));
            case "/v3/maintenance/enable" -> Optional.of(() -> publish(new Event.EnterMaintenance()));
            case "/v3/maintenance/disable" -> Optional.of(() -> publish(new Event.ExitMaintenance()));
            default -> Optional.empty();
        };
        if (action.isEmpty()) {
            return Future.succeededFuture(Reply.text(404, "no such endpoint: " + path));
        }
        if (!method.equals("POST")) {
            return Future.succeededFuture(Reply.text(405, path + " takes POST, not " + method));
        }
        return action.get().get();
    }

    private Future<Reply> environ(Buffer body) {
        try {
            Map<String, String> values = JsonBodies.environment(body);
            agent.putEnvironment(values);
            log.debug("control: environment set: " + String.join(", ", values.keySet()));
            return Future.succeededFuture(Reply.ok());
        } catch (JsonBodies.BadBody e) {
            return Future.succeededFuture(Reply.text(422, e.getMessage()));
        }
    }

    // All values are checked before any is published: a request is taken whole or not at all.
    private Future<Reply> metric(Buffer body) {
        try {
            Map<String, Double> values = JsonBodies.metrics(body);
            for (Map.Entry<String, Double> value : values.entrySet()) {
                Optional<String> problem = agent.metricProblem(value.getKey(), value.getValue());
                if (problem.isPresent()) {
                    return Future.succeededFuture(refused(value.getKey(), problem.get()));
                }
            }
            values.forEach((name, value) -> bus.publish(new Event.Metric(name, value)));
            return Future.succeededFuture(Reply.ok());
        } catch (JsonBodies.BadBody e) {
            return Future.succeededFuture(refused(e.name(), e.getMessage()));
        }
    }

    private Reply refused(String metric, String reason) {
        metricRefusals.refused(metric, reason);
        return Reply.text(422, reason);
    }

    private Future<Reply> reload() {
        return agent.reload().map(answer -> switch (answer) {
            case ControlledAgent.ReloadAnswer.Applied(String summary) -> Reply.text(200, summary);
            case ControlledAgent.ReloadAnswer.Rejected(List<String> problems) -> Reply.text(422,
                    "the configuration was not reloaded:\n" + String.join("\n", problems));
            case ControlledAgent.ReloadAnswer.Refused(String reason) -> Reply.text(503, reason);
        });
    }

    private Future<Reply> publish(Event event) {
        bus.publish(event);
        return Future.succeededFuture(Reply.ok());
    }
}
