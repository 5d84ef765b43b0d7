package io.autopilot.core;

import io.autopilot.config.AgentConfig;
import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.consul.ConsulDiscovery;
import io.autopilot.discovery.consul.ConsulEndpoint;
import io.autopilot.discovery.consul.ConsulSettings;
import io.autopilot.discovery.consul.Reachability;
import io.autopilot.jobs.JobConfig;
import io.autopilot.logging.Log;
import io.autopilot.services.RegistrationSnapshot;
import io.autopilot.services.Registrations;
import io.autopilot.services.ServicePlan;
import io.autopilot.services.ServicePlans;
import io.autopilot.watches.Watch;
import io.autopilot.watches.WatchConfig;
import io.autopilot.watches.WatchSnapshot;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The agent's Consul parts, made from the configuration: one component {@code consul} that holds the client and the
 * registrations of every job with a {@code port} (and closes the client last), and one component per watch. Without
 * a {@code consul} key there are none (the config then has no port and no watch: validation says so).
 *
 * <p>After {@link #create}, {@link #registrations()} and {@link #watches()} give read-only snapshots from any thread,
 * for {@code /status} and metrics.
 */
public final class ConsulComponents implements ComponentFactory {
    private final Optional<ConsulEndpoint> endpoint;
    private final ConsulSettings settings;
    private final List<ServicePlan> plans;
    private final List<WatchConfig> watchConfigs;
    private final Log log;
    private final Clock clock;
    private volatile Registrations registrations;
    private volatile List<Watch> watches = List.of();

    ConsulComponents(Optional<ConsulEndpoint> endpoint, ConsulSettings settings, List<ServicePlan> plans,
            List<WatchConfig> watches, Log log, Clock clock) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.plans = new ArrayList<>(plans);
        this.watchConfigs = List.copyOf(watches);
        this.log = log;
        this.clock = clock;
    }

    /**
     * Resolves where Consul is (reading a token file, if any) before anything runs, so a bad setting fails the start.
     *
     * @param jobs the jobs as the agent runs them
     * @param addresses their advertised addresses, resolved once ({@code Jobs.advertisedAddresses})
     * @throws io.autopilot.discovery.DiscoveryException when the Consul settings cannot be used
     */
    public static ConsulComponents of(AgentConfig config, List<JobConfig> jobs, Map<String, String> addresses,
            Map<String, String> environment, String hostname, Log log) {
        Optional<ConsulConfig> consul = config.consul();
        if (consul.isEmpty()) {
            return new ConsulComponents(Optional.empty(), ConsulSettings.DEFAULTS, List.of(), List.of(), log,
                    Clock.systemUTC());
        }
        return new ConsulComponents(Optional.of(ConsulEndpoint.resolve(consul.get(), environment)),
                ConsulSettings.DEFAULTS, ServicePlans.of(jobs, addresses, hostname, log), config.watches(), log,
                Clock.systemUTC());
    }

    /** Adds a service kept alive by heartbeats (the telemetry endpoint's); call before {@link #create}. */
    public ConsulComponents with(ServicePlan plan) {
        plans.add(plan);
        return this;
    }

    @Override
    public List<Component> create(AgentServices services) {
        if (endpoint.isEmpty()) {
            return List.of();
        }
        var bus = services.bus();
        var vertx = services.vertx();
        // The client tells of reachability changes from any thread; none can come before a request is made, and
        // requests are made only once the registrations exist.
        Discovery discovery = ConsulDiscovery.create(vertx, endpoint.get(), settings, log, this::reachability);
        Registrations made = new Registrations(plans, discovery, bus, vertx, log, clock);
        registrations = made;
        watches = watchConfigs.stream().map(w -> new Watch(w, discovery, bus, vertx, log, clock)).toList();
        List<Component> components = new ArrayList<>();
        components.add(component("consul", made::start, () -> made.stop().transform(ignored -> discovery.close())));
        watches.forEach(watch -> components.add(component(watch.config().source(), watch::start, watch::stop)));
        return List.copyOf(components);
    }

    private void reachability(Reachability state) {
        Registrations current = registrations;
        if (current != null) {
            current.reachability(state == Reachability.REACHABLE);
        }
    }

    /** The registrations' snapshots, in the configuration's order; empty before {@link #create}. */
    public List<RegistrationSnapshot> registrations() {
        Registrations current = registrations;
        return current == null ? List.of() : current.snapshots();
    }

    /** The watches' snapshots, in the configuration's order; empty before {@link #create}. */
    public List<WatchSnapshot> watches() {
        return watches.stream().map(Watch::snapshot).toList();
    }

    private static Component component(String name, Supplier<Future<Void>> start, Supplier<Future<Void>> stop) {
        return new Component() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Future<Void> start() {
                return start.get();
            }

            @Override
            public Future<Void> stop() {
                return stop.get();
            }
        };
    }
}
