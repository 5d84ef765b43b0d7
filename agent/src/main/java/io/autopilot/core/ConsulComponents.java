package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.discovery.InterfaceSnapshot;
import io.autopilot.discovery.LockConfig;
import io.autopilot.discovery.NoMatchingInterfaceException;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.discovery.SessionLock;
import io.autopilot.discovery.consul.ConsulConnections;
import io.autopilot.discovery.consul.ConsulDiscovery;
import io.autopilot.discovery.consul.ConsulEndpoint;
import io.autopilot.discovery.consul.ConsulSettings;
import io.autopilot.discovery.consul.Reachability;
import io.autopilot.jobs.Jobs;
import io.autopilot.jobs.Locks;
import io.autopilot.jobs.RollingConfig;
import io.autopilot.leader.Leader;
import io.autopilot.leader.LeaderSnapshot;
import io.autopilot.logging.Log;
import io.autopilot.saved.SavedAnswers;
import io.autopilot.services.RegistrationSnapshot;
import io.autopilot.services.Registrations;
import io.autopilot.services.ServicePlan;
import io.autopilot.services.ServicePlans;
import io.autopilot.telemetry.TelemetryConfig;
import io.autopilot.watches.Watch;
import io.autopilot.watches.WatchConfig;
import io.autopilot.watches.WatchSnapshot;
import io.vertx.core.Future;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The agent's Consul parts, made from each configuration (at start and on every reload): one component
 * {@code consul} that registers every job with a {@code port} and, with {@code telemetry}, the telemetry endpoint as
 * service {@code containerpilot} (as ContainerPilot did: TTL 15 s, passed every 5 s), and one component
 * {@code watch.<name>} per watch. Without a {@code consul} key there are none: validation made sure the
 * config then has no port and no watch.
 *
 * <p>Every component (and template) takes a client of its own when it starts and closes it when it stops, so a reload
 * that restarts one leaves the others untouched; the clients share one set of connections per Consul address
 * ({@link ConsulConnections}: one pool for blocking queries, one for registrations, both bounded), which closes with
 * the last client. Until {@link Component#start()} a component holds nothing, since a reload drops, unstarted, a new
 * component whose configuration equals the running one's. {@link #registrations()} and
 * {@link #watches()} give read-only snapshots of the running ones, from any thread, for the status API and metrics.
 * Every client counts its calls into one {@link DiscoveryStats}, kept as long as this is, so that the counts of
 * {@link #consulCalls()} only grow, whatever a reload restarts.
 */
public final class ConsulComponents implements ComponentFactory, Locks {
    private static final Duration TELEMETRY_TTL = Duration.ofSeconds(15);
    private static final Duration TELEMETRY_HEARTBEAT = Duration.ofSeconds(5);
    private final Map<String, String> environment;
    private final String hostname;
    private final ConsulSettings settings;
    private final Log log;
    private final Clock clock;
    private final List<Registrations> runningRegistrations = new CopyOnWriteArrayList<>();
    private final List<Watch> runningWatches = new CopyOnWriteArrayList<>();
    private final List<Leader> runningLeaders = new CopyOnWriteArrayList<>();
    private final DiscoveryStats calls = new DiscoveryStats();
    /** Each folder of last-known-good data, kept across reloads so a failure to save is logged once; guarded. */
    private final Map<Path, SavedAnswers> saved = new HashMap<>();
    /** Where the current configuration's Consul is, and the services it was made with: for the jobs' locks. */
    private volatile ConsulEndpoint currentEndpoint;
    private volatile AgentServices currentServices;
    /** The connections of each Consul address in use; guarded by {@code this}. */
    private final Map<ConsulEndpoint, ConsulConnections> connections = new HashMap<>();

    ConsulComponents(Map<String, String> environment, String hostname, ConsulSettings settings, Log log,
            Clock clock) {
        this.environment = Map.copyOf(environment);
        this.hostname = hostname;
        this.settings = settings;
        this.log = log;
        this.clock = clock;
    }

    /** @param environment where Consul's own variables ({@code CONSUL_HTTP_ADDR}, …) are read */
    public static ConsulComponents of(Map<String, String> environment, String hostname, Log log) {
        return new ConsulComponents(environment, hostname, ConsulSettings.DEFAULTS, log, Clock.systemUTC());
    }

    /**
     * Resolves where Consul is (reading a token file, if any), so a bad setting stops the agent at start.
     *
     * @throws DiscoveryException when the Consul settings cannot be used
     */
    public void check(AgentConfig config) {
        config.consul().ifPresent(consul -> ConsulEndpoint.resolve(consul, environment));
    }

    @Override
    public List<Component> create(AgentConfig config, AgentServices services) {
        if (config.consul().isEmpty()) {
            currentEndpoint = null;
            return List.of();
        }
        ConsulConfig consul = config.consul().get();
        // Resolved again per component start would read a token file again; here once per configuration.
        ConsulEndpoint endpoint;
        try {
            endpoint = ConsulEndpoint.resolve(consul, environment);
        } catch (DiscoveryException e) {
            currentEndpoint = null;
            log.error("cannot use the consul settings: " + e.getMessage());
            return List.of();
        }
        // The same resolution as the jobs' CONTAINERPILOT_<JOB>_IP: registration advertises what children see.
        List<ServicePlan> plans = new ArrayList<>(ServicePlans.of(config.jobs(),
                Jobs.advertisedAddresses(config.jobs(), log), hostname));
        config.telemetry().flatMap(this::telemetryPlan).ifPresent(plans::add);
        currentServices = services;
        currentEndpoint = endpoint;
        List<Component> components = new ArrayList<>();
        components.add(new RegistrationsComponent(endpoint, List.copyOf(plans), services));
        SavedAnswers answers = savedAnswers(config);
        config.watches().forEach(watch -> components.add(new WatchComponent(endpoint, watch, answers, services)));
        config.leader().ifPresent(leader -> components.add(new LeaderComponent(endpoint, leader,
                () -> discovery(endpoint, services, state -> { }), services, runningLeaders, hostname, log, clock)));
        return List.copyOf(components);
    }

    /** ContainerPilot's registration of the telemetry endpoint: its address and port, tags plus the version. */
    private Optional<ServicePlan> telemetryPlan(TelemetryConfig telemetry) {
        String address;
        try {
            address = InterfaceSnapshot.ofMachine().select(telemetry.interfaces()).toString();
        } catch (NoMatchingInterfaceException | UncheckedIOException e) {
            log.warn("telemetry is not registered in Consul: " + e.getMessage());
            return Optional.empty();
        }
        List<String> tags = new ArrayList<>(telemetry.tags());
        tags.add(TelemetryComponent.version());
        var registration = new ServiceRegistration(TelemetryConfig.JOB_NAME + "-" + hostname, TelemetryConfig.JOB_NAME,
                address, telemetry.port(), tags, Map.of(), false, TELEMETRY_TTL, Optional.empty(), CheckStatus.PASSING);
        return Optional.of(ServicePlan.heartbeat(TelemetryConfig.JOB_NAME, registration, TELEMETRY_HEARTBEAT));
    }

    /**
     * Opens Consul clients for the configuration's other parts (templates), sharing the components' connections;
     * empty without a {@code consul} block, or when its settings cannot be used (logged by {@link #create}).
     */
    public Optional<Supplier<Discovery>> clients(AgentConfig config, AgentServices services) {
        try {
            return config.consul().map(consul -> ConsulEndpoint.resolve(consul, environment))
                    .map(endpoint -> () -> discovery(endpoint, services, state -> { }));
        } catch (DiscoveryException e) {
            return Optional.empty();
        }
    }

    /** Where the configuration's templates and watches keep their last-known-good data; off without a folder. */
    public synchronized SavedAnswers savedAnswers(AgentConfig config) {
        return config.lastKnownGood().map(folder -> saved.computeIfAbsent(folder, f -> SavedAnswers.in(f, log)))
                .orElse(SavedAnswers.NONE);
    }

    /** The registrations' snapshots, in the configuration's order; empty while none runs. */
    public List<RegistrationSnapshot> registrations() {
        return runningRegistrations.stream().flatMap(r -> r.snapshots().stream()).toList();
    }

    /** The watches' snapshots, in the configuration's order; empty while none runs. */
    public List<WatchSnapshot> watches() {
        return runningWatches.stream().map(Watch::snapshot).toList();
    }

    /**
     * A lock for one run of a job ({@code lock}), through a client of its own on the current configuration's Consul,
     * closed when the lock is released; empty while there is none.
     */
    @Override
    public Optional<SessionLock> lock(LockConfig config, String job, Consumer<String> lost) {
        return withClient(client -> client.lock(config.lock(hostname + " " + job), lost));
    }

    /** A slot of a job's {@code rolling} semaphore, as {@link #lock} a lock. */
    @Override
    public Optional<SessionLock> semaphore(RollingConfig config, String job, Consumer<String> lost) {
        return withClient(client -> client.semaphore(config.semaphore(hostname + " " + job), lost));
    }

    private Optional<SessionLock> withClient(Function<Discovery, SessionLock> make) {
        ConsulEndpoint endpoint = currentEndpoint;
        if (endpoint == null) {
            return Optional.empty();
        }
        Discovery client = discovery(endpoint, currentServices, state -> { });
        return Optional.of(new ClientLock(client, make.apply(client)));
    }

    /** The leader election's snapshot; empty without a {@code leader} block. */
    public Optional<LeaderSnapshot> leader() {
        return runningLeaders.stream().map(Leader::snapshot).findFirst();
    }

    /** The calls every client made so far, and their failures. */
    public DiscoveryStats.Snapshot consulCalls() {
        return calls.snapshot();
    }

    /** A client of its own, through the connections to {@code endpoint}: those in use, or new ones. */
    private synchronized Discovery discovery(ConsulEndpoint endpoint, AgentServices services,
            Consumer<Reachability> reachability) {
        connections.values().removeIf(ConsulConnections::closed);
        while (true) {
            ConsulConnections shared = connections.computeIfAbsent(endpoint, address -> ConsulConnections.open(
                    services.vertx(), address, settings, log, calls,
                    error -> services.errors().fatal("consul", error)));
            Optional<ConsulDiscovery> client = shared.client(reachability);
            if (client.isPresent()) {
                return client.get();
            }
            // Its last client closed it since the line above: new connections, then.
            connections.remove(endpoint, shared);
        }
    }

    /** Every registered service, through one client; stopping deregisters them, then closes the client. */
    private final class RegistrationsComponent implements Component {
        private final ConsulEndpoint endpoint;
        private final List<ServicePlan> plans;
        private final AgentServices services;
        private volatile Registrations registrations;
        private Discovery discovery;

        RegistrationsComponent(ConsulEndpoint endpoint, List<ServicePlan> plans, AgentServices services) {
            this.endpoint = endpoint;
            this.plans = plans;
            this.services = services;
        }

        @Override
        public String name() {
            return "consul";
        }

        @Override
        public Future<Void> start() {
            // The client tells of reachability changes from any thread; none can come before a request is made, and
            // requests are made only once the registrations exist.
            discovery = discovery(endpoint, services, state -> {
                Registrations current = registrations;
                if (current != null) {
                    current.reachability(state == Reachability.REACHABLE);
                }
            });
            registrations = new Registrations(plans, discovery, services.bus(), services.vertx(), log, clock);
            runningRegistrations.add(registrations);
            return registrations.start();
        }

        @Override
        public void startupPassed() {
            registrations.startupPassed();
        }

        @Override
        public Future<Void> stop() {
            runningRegistrations.remove(registrations);
            return registrations.stop().transform(ignored -> discovery.close());
        }

        /** Restarted only when where Consul is or what is registered changed. */
        @Override
        public Object configuration() {
            return List.of(endpoint, plans);
        }
    }

    /** One watch, through a client of its own. */
    private final class WatchComponent implements Component {
        private final ConsulEndpoint endpoint;
        private final WatchConfig config;
        private final SavedAnswers saved;
        private final AgentServices services;
        private Watch watch;
        private Discovery discovery;

        WatchComponent(ConsulEndpoint endpoint, WatchConfig config, SavedAnswers saved, AgentServices services) {
            this.endpoint = endpoint;
            this.config = config;
            this.saved = saved;
            this.services = services;
        }

        @Override
        public String name() {
            return config.source();
        }

        @Override
        public Future<Void> start() {
            discovery = discovery(endpoint, services, state -> { });
            watch = new Watch(config, discovery, services.bus(), services.vertx(), log, clock, saved);
            runningWatches.add(watch);
            return watch.start();
        }

        @Override
        public void startupPassed() {
            watch.startupPassed();
        }

        @Override
        public Future<Void> stop() {
            runningWatches.remove(watch);
            return watch.stop().transform(ignored -> discovery.close());
        }

        @Override
        public Object configuration() {
            return List.of(endpoint, config, saved);
        }
    }
}
