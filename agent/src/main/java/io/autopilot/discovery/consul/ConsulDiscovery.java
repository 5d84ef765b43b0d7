package io.autopilot.discovery.consul;

import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.ConsulConfig;
import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.discovery.DiscoveryStats.Operation;
import io.autopilot.discovery.KeyQuery;
import io.autopilot.discovery.KeyValue;
import io.autopilot.discovery.LockSpec;
import io.autopilot.discovery.ServiceInstance;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.discovery.ServiceRegistration;
import io.autopilot.discovery.SemaphoreSpec;
import io.autopilot.discovery.SessionLock;
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
 * {@link Discovery} on a Consul agent, over its HTTP API: one part of the agent's client, through connections it
 * shares with the other parts ({@link ConsulConnections}). It is thread-safe, and each call completes on its
 * caller's context. Closing it cancels its own watches and retries; the connections stay for the other parts.
 */
public final class ConsulDiscovery implements Discovery {
    private final ConsulConnections shared;
    private final AgentServices services;
    private final Consumer<Reachability> reachability;
    private final Set<BlockingQuery<?>> watches = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ConsulDiscovery(ConsulConnections shared, Consumer<Reachability> reachability) {
        this.shared = shared;
        this.reachability = reachability;
        this.services = new AgentServices(shared.http(), shared.checkUpdates(), new Retrying(shared.vertx(),
                shared.settings().retry(), shared.random(), () -> closed), shared.log());
        shared.http().reachability().listen(reachability);
    }

    /** The agent's Consul, from the {@code consul} key and the process environment (see {@link ConsulEndpoint}). */
    public static ConsulDiscovery create(Vertx vertx, ConsulConfig config, Map<String, String> environment, Log log) {
        return create(vertx, ConsulEndpoint.resolve(config, environment), ConsulSettings.DEFAULTS, log, state -> {
        });
    }

    /**
     * A client with connections of its own, closed with it.
     *
     * @param reachability told of every change between reachable and unreachable, once each
     */
    public static ConsulDiscovery create(Vertx vertx, ConsulEndpoint endpoint, ConsulSettings settings, Log log,
            Consumer<Reachability> reachability) {
        return ConsulConnections.open(vertx, endpoint, settings, log, new DiscoveryStats(),
                ConsulConnections.loggingFatal(log)).client(reachability).orElseThrow();
    }

    /** The calls counted so far (with those of every client sharing its connections). */
    public DiscoveryStats.Snapshot stats() {
        return shared.stats().snapshot();
    }

    @Override
    public Future<Void> register(ServiceRegistration registration) {
        return shared.stats().counted(Operation.REGISTER, services.register(registration));
    }

    @Override
    public Future<Void> updateCheck(String serviceId, CheckStatus status, String output) {
        return shared.stats().counted(Operation.CHECK, services.updateCheck(serviceId, status, output));
    }

    @Override
    public Future<Void> deregister(String serviceId) {
        return shared.stats().counted(Operation.DEREGISTER, services.deregister(serviceId));
    }

    @Override
    public Future<Void> enterMaintenance() {
        return shared.stats().counted(Operation.MAINTENANCE, services.enterMaintenance());
    }

    @Override
    public Future<Void> exitMaintenance() {
        return shared.stats().counted(Operation.MAINTENANCE, services.exitMaintenance());
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
                parameters, Set.of(200), status -> InstanceEntries.decoder());
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
                Set.of(200, 404), KeyValueEntries::decoder);
        return watch(endpoint, query.retryInterval(), listener);
    }

    @Override
    public SessionLock lock(LockSpec spec, Consumer<String> lost) {
        return new ConsulLock(shared, spec, lost);
    }

    @Override
    public SessionLock semaphore(SemaphoreSpec spec, Consumer<String> lost) {
        return new ConsulSemaphore(shared, spec, lost);
    }

    /** Synchronised with {@link #close()}: a watch started while it runs would never be cancelled. */
    private synchronized <T> Subscription watch(BlockingQuery.Endpoint<T> endpoint, Duration retryInterval,
            WatchListener<T> listener) {
        if (closed) {
            return () -> { };
        }
        var query = new BlockingQuery<>(shared, endpoint, retryInterval, listener);
        watches.add(query);
        query.start();
        return () -> {
            watches.remove(query);
            query.cancel();
        };
    }

    /** Cancels this client's watches and retries at once; closes the connections if it was the last client. */
    @Override
    public synchronized Future<Void> close() {
        if (closed) {
            return Future.succeededFuture();
        }
        closed = true;
        shared.http().reachability().stopListening(reachability);
        watches.forEach(BlockingQuery::cancel);
        watches.clear();
        return shared.released();
    }
}
