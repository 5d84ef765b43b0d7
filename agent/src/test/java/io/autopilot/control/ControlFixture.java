package io.autopilot.control;

import io.autopilot.events.Event;
import io.autopilot.events.EventBus;
import io.autopilot.health.HealthStatus;
import io.autopilot.jobs.JobRequest;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.jobs.JobState;
import io.autopilot.jobs.RequestOutcome;
import io.autopilot.telemetry.MetricType;
import io.autopilot.testing.RecordingLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A control server on a real Unix socket, in front of an agent the test plays: it records what the server asks of
 * it and answers as told. Its jobs: {@code app} (running, pid 42) and {@code done} (completed, so it takes no more
 * requests).
 */
final class ControlFixture implements AutoCloseable {
    final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    final EventBus bus = new EventBus(errors::add);
    final List<Event> events = new CopyOnWriteArrayList<>();
    final RecordingLog log = new RecordingLog();
    /** Every answer the server counted, as "path status". */
    final List<String> answers = new CopyOnWriteArrayList<>();
    final PlayedAgent agent = new PlayedAgent(vertx);
    final ControlServer server;
    final ControlClient client;

    ControlFixture(Path socket) {
        this(new ControlConfig(socket.toString(), ControlConfig.DEFAULT_MODE));
    }

    ControlFixture(ControlConfig config) {
        bus.subscribe(Runnable::run, events::add);
        StatusSource watches = new StatusSource() {
            @Override
            public String section() {
                return "watches";
            }

            @Override
            public JsonArray entries() {
                return new JsonArray().add(new JsonObject().put("name", "db").put("instances", 2));
            }
        };
        server = new ControlServer(vertx, bus, log, config, agent, List.of(watches), "9.9.9",
                () -> Duration.ofMillis(1500), (path, status) -> answers.add(path + " " + status));
        client = new ControlClient(Path.of(config.socket()), Duration.ofSeconds(10));
    }

    ControlFixture started() throws Exception {
        server.start().await(10, TimeUnit.SECONDS);
        return this;
    }

    ControlClient.Response send(String method, String path, String body) throws ControlException {
        return client.send(method, path, body);
    }

    @Override
    public void close() {
        try {
            server.stop().await(10, TimeUnit.SECONDS);
            vertx.close().await(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the server or Vert.x did not close within 10 s", e);
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("subscriber errors: " + errors);
        }
    }

    /** The agent as the test plays it. */
    static final class PlayedAgent implements ControlledAgent {
        final Map<String, String> environment = new LinkedHashMap<>();
        final List<String> requests = new CopyOnWriteArrayList<>();
        volatile ReloadAnswer reloadAnswer = new ReloadAnswer.Applied("reloaded: nothing changed");
        /** How long a reload or a job's request takes before it answers, as the agent's take a while. */
        volatile Duration takes = Duration.ZERO;
        /** What {@code putEnvironment} throws and a reload's future fails with, when set: a defect of the agent's. */
        volatile Throwable defect;
        private final Vertx vertx;

        PlayedAgent(Vertx vertx) {
            this.vertx = vertx;
        }

        private <T> Future<T> after(T answer) {
            return takes.isZero() ? Future.succeededFuture(answer)
                    : vertx.timer(takes.toMillis(), TimeUnit.MILLISECONDS).map(answer);
        }

        @Override
        public synchronized void putEnvironment(Map<String, String> values) {
            if (defect instanceof Error error) {
                throw error;
            }
            if (defect instanceof RuntimeException exception) {
                throw exception;
            }
            environment.putAll(values);
        }

        @Override
        public Future<ReloadAnswer> reload() {
            requests.add("reload");
            return defect == null ? after(reloadAnswer) : Future.failedFuture(defect);
        }

        /** Telemetry's own rule, for a counter {@code requests}, a gauge {@code load} and a histogram {@code latency}. */
        @Override
        public Optional<String> metricProblem(String name, double value) {
            MetricType type = switch (name) {
                case "requests" -> MetricType.COUNTER;
                case "latency" -> MetricType.HISTOGRAM;
                default -> MetricType.GAUGE;
            };
            return type.refusal(value).map(reason -> "metric " + name + ": " + reason);
        }

        @Override
        public List<JobSnapshot> jobs() {
            return List.of(
                    new JobSnapshot("app", JobState.RUNNING, 42, 1, OptionalInt.of(3), Optional.of("exit 3"),
                            HealthStatus.HEALTHY, 0),
                    new JobSnapshot("done", JobState.COMPLETED, 0, 0, OptionalInt.of(0), Optional.of("exit 0"),
                            HealthStatus.UNKNOWN, 0));
        }

        @Override
        public Optional<Future<RequestOutcome>> request(String job, JobRequest request) {
            if (!List.of("app", "done").contains(job)) {
                return Optional.empty();
            }
            requests.add(job + " " + request);
            return Optional.of(after(job.equals("done") ? RequestOutcome.ENDED : RequestOutcome.ACCEPTED));
        }

        synchronized Map<String, String> environment() {
            return new LinkedHashMap<>(environment);
        }

        List<String> requests() {
            return new ArrayList<>(requests);
        }
    }
}
