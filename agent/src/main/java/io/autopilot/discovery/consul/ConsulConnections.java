package io.autopilot.discovery.consul;

import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The connections to one Consul agent, shared by every part of the agent that talks to it (the registrations, each
 * watch, each template): one HTTP client whose connections are budgeted per purpose ({@link ConsulSettings}), one
 * reachability state, one set of counts. A client per part would open connections without bound (one pool each) and
 * log Consul's every outage once per part.
 *
 * <p>Each part takes a {@link ConsulDiscovery} of its own with {@link #client}; closing it cancels that part's
 * queries at once, and closing the last one closes the connections, after which this opens no more clients.
 * Thread-safe.
 */
public final class ConsulConnections {
    private final Vertx vertx;
    private final ConsulHttp http;
    private final CheckUpdates checkUpdates;
    private final ConsulSettings settings;
    private final Log log;
    private final DiscoveryStats stats;
    private final DoubleSupplier random;
    private final Consumer<Throwable> fatal;
    private int clients;
    private boolean closed;

    private ConsulConnections(Vertx vertx, ConsulEndpoint endpoint, ConsulSettings settings, Log log,
            DiscoveryStats stats, DoubleSupplier random, Consumer<Throwable> fatal) {
        this.vertx = vertx;
        this.settings = settings;
        this.log = log;
        this.stats = stats;
        this.random = random;
        this.fatal = fatal;
        this.http = new ConsulHttp(vertx, endpoint, new ReachabilityTracker(endpoint.url(), log), settings,
                log);
        this.checkUpdates = new CheckUpdates(settings.agentConnections());
    }

    /**
     * Connections to the Consul at {@code endpoint}, opened as requests need them.
     *
     * @param stats where every client's calls are counted; it may outlive these connections
     * @param fatal told of a failure the agent cannot survive (no memory left) met while handling an answer; the
     *     watch that met it retries after its backoff all the same, for a handler that lets the agent go on
     */
    public static ConsulConnections open(Vertx vertx, ConsulEndpoint endpoint, ConsulSettings settings, Log log,
            DiscoveryStats stats, Consumer<Throwable> fatal) {
        return open(vertx, endpoint, settings, log, stats, () -> ThreadLocalRandom.current().nextDouble(), fatal);
    }

    /** @param random uniform in [0, 1), the jitter of every retry and pause: fixed in tests */
    static ConsulConnections open(Vertx vertx, ConsulEndpoint endpoint, ConsulSettings settings, Log log,
            DiscoveryStats stats, DoubleSupplier random, Consumer<Throwable> fatal) {
        return new ConsulConnections(vertx, endpoint, settings, log, stats, random, fatal);
    }

    /** The fatal handler for a program without one of its own: the failure is logged, and the watch goes on. */
    public static Consumer<Throwable> loggingFatal(Log log) {
        return failure -> log.error("consul: " + failure + " while handling Consul's answer: the agent may not be"
                + " able to go on");
    }

    /**
     * A client of its own for one part of the agent, or empty once the last client closed these connections.
     *
     * @param reachability told of every change between reachable and unreachable while the client is open
     */
    public synchronized Optional<ConsulDiscovery> client(Consumer<Reachability> reachability) {
        if (closed) {
            return Optional.empty();
        }
        clients++;
        return Optional.of(new ConsulDiscovery(this, reachability));
    }

    /** Whether the last client closed them: they open no more clients. */
    public synchronized boolean closed() {
        return closed;
    }

    /** A client closed; the last one closes the connections. */
    synchronized Future<Void> released() {
        if (--clients > 0 || closed) {
            return Future.succeededFuture();
        }
        closed = true;
        return http.close();
    }

    Vertx vertx() {
        return vertx;
    }

    ConsulHttp http() {
        return http;
    }

    /** Every client's check updates, paced to the connections for the agent's own services. */
    CheckUpdates checkUpdates() {
        return checkUpdates;
    }

    ConsulSettings settings() {
        return settings;
    }

    Log log() {
        return log;
    }

    DiscoveryStats stats() {
        return stats;
    }

    DoubleSupplier random() {
        return random;
    }

    /** Hands {@code failure} to the fatal handler, which must not take the caller's loop down with it. */
    void cannotSurvive(Throwable failure) {
        try {
            fatal.accept(failure);
        } catch (RuntimeException e) {
            log.error("consul: the fatal handler failed: " + e);
        }
    }
}
