package io.autopilot.telemetry;

import io.autopilot.discovery.InterfaceSnapshot;
import io.autopilot.discovery.IpAddress;
import io.autopilot.discovery.NoMatchingInterfaceException;
import io.autopilot.events.EventBus;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.JobSnapshot;
import io.autopilot.logging.Log;
import io.autopilot.telemetry.textfile.Textfiles;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The HTTP endpoint of {@code telemetry}: {@code /metrics} (any method, as ContainerPilot), {@code /status} (GET,
 * else 405), 404 elsewhere. It listens on the one address {@code telemetry.interfaces} chooses, not on every
 * interface: ContainerPilot did the same, and an operator who chose the internal network for metrics does not expect
 * them on a public one.
 *
 * <p>Confined to its own context: bus events are counted there, and requests are served there. A scrape reads only
 * snapshots, so it never waits for a job; the files of {@code telemetry.textfiles} are read on a thread of their own,
 * and the scrape is answered when they are in.
 */
public final class TelemetryEndpoint {
    private final TelemetryConfig config;
    private final AgentMetrics metrics;
    private final String version;
    private final List<JobConfig> jobConfigs;
    private final List<String> watches;
    private final Supplier<List<JobSnapshot>> jobs;
    private final Vertx vertx;
    private final EventBus bus;
    private final Log log;
    private final Supplier<InterfaceSnapshot> interfaces;
    /** Null without {@code telemetry.textfiles}. */
    private final Textfiles textfiles;
    private EventBus.Subscription subscription;
    private volatile StatusReport status;
    private HttpServer server;

    /** What the endpoint reports about the rest of the agent. */
    public record AgentView(String version, List<JobConfig> jobs, List<String> watches,
                            Supplier<List<JobSnapshot>> state) {
        public AgentView {
            jobs = List.copyOf(jobs);
            watches = List.copyOf(watches);
        }
    }

    /**
     * @param textfileReads the thread the files of {@code telemetry.textfiles} are read on
     */
    TelemetryEndpoint(TelemetryConfig config, AgentMetrics metrics, AgentView agent, Vertx vertx, EventBus bus,
                      Log log, Supplier<InterfaceSnapshot> interfaces, WorkerExecutor textfileReads) {
        this.config = config;
        this.metrics = metrics;
        this.version = agent.version();
        this.jobConfigs = agent.jobs();
        this.watches = agent.watches();
        this.jobs = agent.state();
        this.vertx = vertx;
        this.bus = bus;
        this.log = log.with("job", TelemetryConfig.JOB_NAME);
        this.interfaces = interfaces;
        this.textfiles = config.textfiles().map(folder -> Textfiles.create(folder, textfileReads, this.log))
                .orElse(null);
        metrics.jobs(jobs);
    }

    public static TelemetryEndpoint create(TelemetryConfig config, AgentMetrics metrics, AgentView agent, Vertx vertx,
                                           EventBus bus, Log log, WorkerExecutor textfileReads) {
        return new TelemetryEndpoint(config, metrics, agent, vertx, bus, log, InterfaceSnapshot::ofMachine,
                textfileReads);
    }

    /**
     * Subscribes to the bus (before returning, so no event published after it is missed), then listens. Fails when
     * no interface matches or the port cannot be bound. Call from outside any Vert.x context.
     */
    public Future<Void> start() {
        Context context = vertx.getOrCreateContext();
        subscription = bus.subscribe(task -> context.runOnContext(v -> task.run()), metrics::record);
        IpAddress address;
        try {
            InterfaceSnapshot machine = interfaces.get();
            address = machine.select(config.interfaces());
            status = new StatusReport(version, endpoints(machine), new StatusReport.Endpoint(address.toString(),
                    config.port()), watches);
        } catch (RuntimeException e) {
            return Future.failedFuture("telemetry: " + e.getMessage());
        }
        return Future.<HttpServer>future(promise -> context.runOnContext(v -> {
            server = vertx.createHttpServer(new HttpServerOptions().setHost(address.toString())
                    .setPort(config.port())).requestHandler(this::handle);
            server.listen().onComplete(promise);
        })).onSuccess(listening -> log.info("telemetry: serving /metrics and /status at " + url(address)))
                .recover(failure -> Future.failedFuture("telemetry: cannot listen at " + url(address) + ": "
                        + failure.getMessage()))
                .mapEmpty();
    }

    public Future<Void> stop() {
        if (subscription != null) {
            subscription.cancel();
        }
        HttpServer listening = server;
        return listening == null ? Future.succeededFuture() : listening.close();
    }

    /** Each registered job's advertised address (empty when none matches: its registration reports why). */
    private Map<String, StatusReport.Endpoint> endpoints(InterfaceSnapshot machine) {
        Map<String, StatusReport.Endpoint> endpoints = new HashMap<>();
        for (JobConfig job : jobConfigs) {
            job.service().ifPresent(service -> {
                String address;
                try {
                    address = machine.select(service.interfaces()).toString();
                } catch (NoMatchingInterfaceException e) {
                    address = "";
                }
                endpoints.put(job.name(), new StatusReport.Endpoint(address, service.port()));
            });
        }
        return endpoints;
    }

    private String url(IpAddress address) {
        String host = address.isIpv4() ? address.toString() : "[" + address + "]";
        return "http://" + host + ":" + config.port();
    }

    private Future<MetricSnapshots> scrape() {
        if (textfiles == null) {
            return Future.succeededFuture(metrics.scrape());
        }
        Future<MetricSnapshots> withFiles;
        try {
            withFiles = textfiles.addTo(metrics::scrape);
        } catch (RuntimeException e) {
            withFiles = Future.failedFuture(e);
        }
        // A scrape is answered whatever goes wrong with the files: an unanswered one waits for its timeout.
        return withFiles.otherwise(failure -> {
            log.error("telemetry: textfiles: served without them after an unexpected failure: " + failure);
            return metrics.scrape();
        });
    }

    private void handle(HttpServerRequest request) {
        switch (request.path()) {
            case "/metrics" -> scrape().onSuccess(snapshots -> {
                Exposition exposition = Exposition.of(snapshots, request.getHeader("Accept"));
                request.response().putHeader("Content-Type", exposition.contentType())
                        .end(Buffer.buffer(exposition.body()));
            });
            case "/status" -> {
                if (request.method() != HttpMethod.GET) {
                    request.response().setStatusCode(405).putHeader("Allow", "GET").end("Method Not Allowed\n");
                } else {
                    request.response().putHeader("Content-Type", "application/json")
                            .end(status.render(jobs.get()));
                }
            }
            default -> request.response().setStatusCode(404).end("404 page not found\n");
        }
    }
}
