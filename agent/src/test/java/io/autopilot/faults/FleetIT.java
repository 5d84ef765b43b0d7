package io.autopilot.faults;

import io.autopilot.scenarios.PidOneScenarios;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.ConsulCluster;
import io.autopilot.testing.consul.TestConsul;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet of agents, each PID 1 of its own namespaces, against one Consul and against three servers
 * ({@link FleetScenario} says what is measured and what is asserted). The suite runs 10 agents briefly; by hand,
 * {@code bench/fleet/run.sh N [cluster]} sets {@code fleet.size} and longer phases (see bench/faults/README.md).
 */
class FleetIT {
    @TempDir
    Path work;

    /** One dev agent for the whole fleet; the restart loses its state, so every agent registers again. */
    @Test
    void oneConsul() {
        var settings = FleetScenario.Settings.fromProperties(10, 20, 10, 5);
        Path dist = runnable();
        try (ConsulAgent consul = TestConsul.dev()) {
            var address = FleetConsul.address(consul.httpAddress());
            new FleetScenario(settings, dist, work).run(new FleetConsul("one Consul", consul.api(), i -> address,
                    consul::stop, consul::restart));
        }
    }

    /**
     * Three servers, agent {@code i} talking to server {@code i mod 3} as it would to its node's Consul; the restart
     * stops the leader and starts it again with its state, so a third of the fleet loses its Consul and the cluster
     * elects another leader.
     */
    @Test
    void threeServers() {
        var settings = FleetScenario.Settings.fromProperties(10, 10, 4, 3);
        Path dist = runnable();
        try (ConsulCluster cluster = TestConsul.cluster()) {
            var servers = cluster.servers();
            ConsulAgent leader = cluster.leader();
            ConsulAgent reader = servers.stream().filter(s -> s != leader).findFirst().orElseThrow();
            new FleetScenario(settings, dist, work).run(new FleetConsul("three servers", reader.api(),
                    i -> FleetConsul.address(servers.get(i % servers.size()).httpAddress()), leader::stop,
                    leader::start));
        }
    }

    private static Path runnable() {
        Path dist = PidOneScenarios.dist();
        String why = PidOneScenarios.unavailable();
        Assumptions.assumeTrue(why.isEmpty(), why);
        return dist;
    }
}
