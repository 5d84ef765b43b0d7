package io.autopilot.discovery.consul;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.discovery.DiscoveryStats.Operation;
import io.autopilot.discovery.KeyQuery;
import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.ServiceInstance;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.discovery.Subscription;
import io.autopilot.discovery.WatchListener;
import io.autopilot.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@link Discovery} on a Consul agent, over its HTTP API. One instance per agent process; it is thread-safe, and
 * each call completes on its caller's context.
 */
public final class ConsulDiscovery implements Discovery {
    private final Vertx vertx;
    private final ConsulHttp http;
    private final ConsulSettings settings;
    private final AgentServices services;
    private final Log log;
    private final DiscoveryStats stats;
    private final Set<BlockingQuery<?>> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ConsulDiscovery(Vertx vertx, ConsulEndpoint endpoint, ConsulSettings settings, Log log,
            Consumer<Reachability> reachability, DiscoveryStats stats) {
        this.vertx = vertx;
        this.settings = settings;
        this.log = log;
        this.stats = stats;
        this.http = new ConsulHttp(vertx, endpoint, new ReachabilityTracker(endpoint.url(), log, reachability),
                settings.requestTimeout());
        this.services = new AgentServices(http, new Retrying(vertx, settings.retry(), () -> closed), log);
    }

    /** The agent's Consul, from the {@code consul} key and the process environment (see {@link ConsulEndpoint}). */
    public static ConsulDiscovery create(Vertx vertx, ConsulConfig config, Map<String, String> environment, Log log) {
        return create(vertx, ConsulEndpoint.resolve(config, environment), ConsulSettings.DEFAULTS, log, state -> {
        });
    }

    /** @param reachability told of every change between reachable and unreachable, once each */
    public static ConsulDiscovery create(Vertx vertx, ConsulEndpoint endpoint, ConsulSettings settings, Log log,
            Consumer<Reachability> reachability) {
        return create(vertx, endpoint, settings, log, reachability, new DiscoveryStats());
    }

    /**
     * @param stats where its calls are counted; several clients may share one, so that counts outlive each client
     */
    public static ConsulDiscovery create(Vertx vertx, ConsulEndpoint endpoint, ConsulSettings settings, Log log,
            Consumer<Reachability> reachability, DiscoveryStats stats) {
        return new ConsulDiscovery(vertx, endpoint, settings, log, reachability, stats);
    }

    /** The calls counted so far (with those of every client sharing its {@link DiscoveryStats}). */
    public DiscoveryStats.Snapshot stats() {
        return stats.snapshot();
    }

    @Override
    public Future<Void> register(ServiceRegistration registration) {
        return stats.counted(Operation.REGISTER, services.register(registration));
    }

    @Override
    public Future<Void> updateCheck(String serviceId, CheckStatus status, String output) {
        return stats.counted(Operation.CHECK, services.updateCheck(serviceId, status, output));
    }

    @Override
    public Future<Void> deregister(String serviceId) {
        return stats.counted(Operation.DEREGISTER, services.deregister(serviceId));
    }

    @Override
    public Future<Void> enterMaintenance() {
        return stats.counted(Operation.MAINTENANCE, services.enterMaintenance());
    }

    @Override
    public Future<Void> exitMaintenance() {
        return stats.counted(Operation.MAINTENANCE, services.exitMaintenance());
    }

    @Override
    public boolean inMaintenance() {
        return services.inMaintenance();
    }

    @Override
    public Subscription watchService(ServiceQuery query, WatchListener<List<ServiceInstance>> listener) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("passing", "1");
        query.tag().ifPresent(tag -> parameters.put("tag", tag));
        query.datacenter().ifPresent(dc -> parameters.put("dc", dc));
        var endpoint = new BlockingQuery.Endpoint<>("/v1/health/service/" + ConsulHttp.segment(query.name()),
                parameters, Set.of(200), response -> CatalogJson.instances(response.body()));
        return watch(endpoint, query.retryInterval(), listener);
    }

    @Override
    public Subscription watchKeys(KeyQuery query, WatchListener<List<KeyValue>> listener) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query.prefix()) {
            parameters.put("recurse", "true");
        }
        query.datacenter().ifPresent(dc -> parameters.put("dc", dc));
        // A missing key is 404 with an index, and blocks like any other answer.
        var endpoint = new BlockingQuery.Endpoint<>("/v1/kv/" + ConsulHttp.keyPath(query.key()), parameters,
                Set.of(200, 404), CatalogJson::keyValues);
        return watch(endpoint, query.retryInterval(), listener);
    }

    private <T> Subscription watch(BlockingQuery.Endpoint<T> endpoint, Duration retryInterval,
            WatchListener<T> listener) {
        var query = new BlockingQuery<>(vertx, http, endpoint, settings, retryInterval, listener, stats, log);
        watches.add(query);
        query.start();
        return () -> {
            watches.remove(query);
            query.cancel();
        };
    }

    @Override
    public Future<Void> close() {
        closed = true;
        watches.forEach(BlockingQuery::cancelOnItsContext);
        watches.clear();
        http.close();
        return Future.succeededFuture();
    }
}
