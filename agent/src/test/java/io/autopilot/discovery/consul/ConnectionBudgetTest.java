package io.autopilot.discovery.consul;

import static io.autopilot.discovery.consul.Clients.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.DiscoveryStats;
import io.autopilot.discovery.DiscoveryStats.Operation;
import io.autopilot.discovery.ServiceInstance;
import io.autopilot.discovery.ServiceQuery;
import io.autopilot.discovery.Subscription;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.OwnConnections;
import io.autopilot.testing.consul.RealConsul;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The connections the client opens to a real Consul, counted as Linux sees them: shared by every part of the agent,
 * bounded per purpose, and given back at once when a query is cancelled.
 */
@RealConsul
class ConnectionBudgetTest {
    private static final Duration RETRY = Duration.ofSeconds(1);
    /** A blocking query that waits a minute holds its connection a minute, unless it is cancelled. */
    private static final ConsulSettings LONG_WAIT = new ConsulSettings(Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMillis(50), Duration.ofMillis(200));
    @RegisterExtension
    final Clients clients = new Clients();

    @Test
    void cancellingAWatchAbortsItsBlockingQueryAtOnce(ConsulAgent consul) {
        var discovery = clients.to(consul, LONG_WAIT, Optional.empty(), state -> { });
        var recorder = new WatchRecorder<List<ServiceInstance>>();
        Subscription watch = discovery.watchService(ServiceQuery.of("cancelled", RETRY), recorder);
        assertThat(recorder.next()).isEmpty();
        Eventually.until(() -> discovery.stats().requests().get(Operation.WATCH) == 2, () -> "the blocking query");
        assertThat(OwnConnections.to(consul.ports().http())).as("the blocking query's connection").isEqualTo(1);

        watch.cancel();

        Eventually.until(() -> OwnConnections.to(consul.ports().http()) == 0, Duration.ofSeconds(2),
                () -> "the blocking query aborted, its connection closed; connections: "
                        + OwnConnections.to(consul.ports().http()));
    }

    @Test
    void manyWatchesOfSeveralClientsShareTheBlockingBudgetAndTtlUpdatesTheirOwn(ConsulAgent consul) {
        var settings = LONG_WAIT.withConnections(3, 1);
        var connections = ConsulConnections.open(clients.vertx, endpoint(consul), settings, clients.log,
                new DiscoveryStats(), ConsulConnections.loggingFatal(clients.log));
        var registrations = connections.client(state -> { }).orElseThrow();
        Await.result(registrations.register(web("web-budget")));
        List<ConsulDiscovery> watchers = List.of(connections.client(state -> { }).orElseThrow(),
                connections.client(state -> { }).orElseThrow());
        List<WatchRecorder<List<ServiceInstance>>> recorders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            var recorder = new WatchRecorder<List<ServiceInstance>>();
            watchers.get(i % 2).watchService(ServiceQuery.of("idle-" + i, RETRY), recorder);
            recorders.add(recorder);
        }
        // The first queries of the watches beyond the budget wait for a blocking query to come back: none does
        // before its minute is out, so only three watches answer; the others' first queries are queued, not lost.
        Eventually.until(() -> OwnConnections.to(consul.ports().http()) >= 3, () -> "three blocking queries open");

        Await.result(registrations.warn("web-budget", "under load"));

        assertThat(consul.api().agentCheck("service:web-budget").orElseThrow().getString("Output"))
                .isEqualTo("under load");
        Eventually.holdsFor(Duration.ofSeconds(1), () -> OwnConnections.to(consul.ports().http()) <= 4,
                () -> "at most 3 + 1 connections: " + OwnConnections.to(consul.ports().http()));
        watchers.forEach(watcher -> Await.result(watcher.close()));
        Await.result(registrations.close());
        Eventually.until(() -> OwnConnections.to(consul.ports().http()) == 0, () -> "every connection closed with"
                + " the last client: " + OwnConnections.to(consul.ports().http()));
        assertThat(connections.closed()).isTrue();
    }

    @Test
    void closingOneClientLeavesTheOthersWatching(ConsulAgent consul) {
        var connections = ConsulConnections.open(clients.vertx, endpoint(consul), Clients.FAST, clients.log,
                new DiscoveryStats(), ConsulConnections.loggingFatal(clients.log));
        var leaving = connections.client(state -> { }).orElseThrow();
        var staying = connections.client(state -> { }).orElseThrow();
        var gone = new WatchRecorder<List<ServiceInstance>>();
        var kept = new WatchRecorder<List<ServiceInstance>>();
        leaving.watchService(ServiceQuery.of("shared", RETRY), gone);
        staying.watchService(ServiceQuery.of("shared", RETRY), kept);
        assertThat(gone.next()).isEmpty();
        assertThat(kept.next()).isEmpty();

        Await.result(leaving.close());
        consul.api().registerTtlService("shared-1", "shared", 80, "passing");

        assertThat(kept.next()).extracting(ServiceInstance::id).containsExactly("shared-1");
        assertThat(gone.all()).hasSize(1);
        assertThat(connections.closed()).isFalse();
    }

    private static ConsulEndpoint endpoint(ConsulAgent consul) {
        return ConsulEndpoint.resolve(new io.autopilot.discovery.ConsulConfig(Optional.of(consul.httpAddress()),
                Optional.empty(), Optional.empty(), io.autopilot.discovery.TlsConfig.DEFAULT), Map.of());
    }
}
