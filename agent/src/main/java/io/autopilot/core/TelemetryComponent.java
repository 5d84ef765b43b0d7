package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.jobs.JobConfig;
import io.autopilot.services.RegistrationSnapshot;
import io.autopilot.telemetry.AgentMetrics;
import io.autopilot.telemetry.ControlRequests;
import io.autopilot.telemetry.TelemetryConfig;
import io.autopilot.telemetry.TelemetryEndpoint;
import io.autopilot.watches.WatchConfig;
import io.autopilot.watches.WatchSnapshot;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code telemetry} endpoint as the agent runs it, with the metrics of its configuration. It keeps the agent
 * alive once every job has completed, as ContainerPilot's telemetry job did (it never completed). A reload restarts
 * it only when what it was made from changed (the block, the jobs' services, the watches): then its counters start
 * from zero, which Prometheus reads as a counter reset.
 */
final class TelemetryComponent implements Component {
    /**
     * None without a {@code telemetry} block.
     *
     * @param watches the running watches' snapshots, for {@code containerpilot_watch_instances} and
     *     {@code autopilot_watch_*}
     * @param consulCalls the Consul clients' counts, for {@code autopilot_consul_*}
     * @param registrations the services' snapshots, for {@code autopilot_service_*}
     * @param requests the control plane's answers, for {@code containerpilot_control_http_requests}
     * @param servingSaved whether each template and watch serves last-known-good data, for
     *     {@code autopilot_last_known_good}
     */
    static ComponentFactory factory(Supplier<List<WatchSnapshot>> watches,
            Supplier<DiscoveryStats.Snapshot> consulCalls, Supplier<List<RegistrationSnapshot>> registrations,
            ControlRequestsLink requests, Supplier<Map<String, Boolean>> servingSaved) {
        return (config, services) -> config.telemetry()
                .<List<Component>>map(telemetry -> List.of(new TelemetryComponent(telemetry, config, services,
                        new Sources(watches, consulCalls, registrations, servingSaved), requests)))
                .orElse(List.of());
    }

    /** What the metrics read from other parts of the agent at each scrape. */
    private record Sources(Supplier<List<WatchSnapshot>> watches, Supplier<DiscoveryStats.Snapshot> consulCalls,
            Supplier<List<RegistrationSnapshot>> registrations, Supplier<Map<String, Boolean>> servingSaved) {
    }

    /** What /metrics and /status are made from; equal across a reload that changed none of it. */
    private record Source(TelemetryConfig telemetry, List<JobConfig> jobs, List<String> watches) {
    }

    private final Source source;
    private final AgentServices services;
    private final Sources sources;
    private final ControlRequestsLink requests;
    private TelemetryEndpoint endpoint;
    private ControlRequests counted;

    private TelemetryComponent(TelemetryConfig telemetry, AgentConfig config, AgentServices services, Sources sources,
            ControlRequestsLink requests) {
        this.source = new Source(telemetry, config.jobs(), config.watches().stream().map(WatchConfig::name).toList());
        this.services = services;
        this.sources = sources;
        this.requests = requests;
    }

    /** The jar's {@code Implementation-Version}; {@code dev} when run from classes (tests). */
    static String version() {
        return Objects.requireNonNullElse(TelemetryComponent.class.getPackage().getImplementationVersion(), "dev");
    }

    @Override
    public String name() {
        return TelemetryConfig.JOB_NAME;
    }

    // Nothing is made before start: a reload may drop this component unstarted.
    @Override
    public Future<Void> start() {
        AgentMetrics metrics = AgentMetrics.create(source.telemetry(), services.log());
        counted = metrics.controlRequests();
        requests.connect(counted);
        metrics.watches(sources.watches());
        metrics.consul(sources.consulCalls());
        metrics.services(sources.registrations());
        metrics.savedData(sources.servingSaved());
        metrics.internalErrors(services.errors()::countsByPart);
        endpoint = TelemetryEndpoint.create(source.telemetry(), metrics, new TelemetryEndpoint.AgentView(version(),
                source.jobs(), source.watches(), () -> services.jobs().all().stream().map(Supervised::snapshot)
                .toList()), services.vertx(), services.bus(), services.log(), services.blocking().textfileReads());
        return endpoint.start();
    }

    @Override
    public Future<Void> stop() {
        requests.disconnect(counted);
        return endpoint == null ? Future.succeededFuture() : endpoint.stop();
    }

    @Override
    public boolean keepsAgentAlive() {
        return true;
    }

    @Override
    public Object configuration() {
        return source;
    }
}
