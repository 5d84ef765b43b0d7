package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.RawHttp;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.ConsulCluster;
import io.autopilot.testing.consul.TestConsul;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Consul servers on loopback and a client agent, the agent under test talking to the client as in production;
 * the leader killed. While the others elect a new one, the agent takes its services out and back in (maintenance on
 * and off, through its control plane) and another instance of the watched service is registered. Figures: the Consul
 * calls of each kind the agent made and those that failed, the time to elect a leader, and the time until the change
 * reached the agent's template with every service passing again ("converged"). The killed server then rejoins.
 */
class ConsulLeaderLossIT {
    private static final String CASE = "consul leader killed";
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final List<String> OPERATIONS = List.of("register", "check", "deregister", "maintenance", "watch");

    @TempDir
    Path dir;

    @Test
    void registrationsChecksAndWatchesComeThroughTheLossOfTheLeader() throws Exception {
        int rounds = FaultRuns.rounds(1);
        try (ConsulCluster cluster = TestConsul.cluster()) {
            ConsulAgent client = cluster.joinClient();
            ConsulFaultConfig config = ConsulFaultConfig.write(dir, client.httpAddress());
            try (FaultedAgent agent = FaultedAgent.start(config)) {
                Set<String> services = ConsulChecks.awaitAll(client.api(), BOUND);
                Map<String, Integer> pids = agent.pids();
                var backends = new Backends(client.api());
                backends.addAndAwait("before", config);
                for (int round = 1; round <= rounds; round++) {
                    loseTheLeader(round, cluster, client, agent, config, services, backends);
                }
                FaultRuns.report(CASE, "tried %d, jobs restarted %d", rounds, agent.restarts());
                assertThat(agent.pids()).as("the same processes").isEqualTo(pids);
                assertThat(agent.restarts()).as("no job restarted").isZero();
                agent.stopCleanly();
            }
        }
    }

    private static void loseTheLeader(int round, ConsulCluster cluster, ConsulAgent client, FaultedAgent agent,
            ConsulFaultConfig config, Set<String> services, Backends backends) {
        MetricsScrape before = agent.metrics();
        ConsulAgent leader = cluster.leader();
        long killed = System.nanoTime();
        leader.stop();
        control(agent, "POST /v3/maintenance/enable");
        Eventually.until(() -> ConsulChecks.of(client.api()).isEmpty(), BOUND,
                () -> "the services out for maintenance: " + ConsulChecks.of(client.api()));
        control(agent, "POST /v3/maintenance/disable");
        Eventually.until(() -> newLeader(cluster, leader), BOUND, () -> "a new leader");
        long elected = System.nanoTime();
        String change = "round-" + round;
        backends.add(change);
        Eventually.until(() -> config.renderedText().contains("backend-" + change)
                && ConsulChecks.passing(client.api(), services), BOUND,
                () -> "backend-" + change + " in the template and every service passing: " + config.renderedText()
                        + ConsulChecks.of(client.api()));
        long converged = System.nanoTime();
        MetricsScrape after = agent.metrics();
        List<String> logged = agent.linesBetween(killed, converged);
        StringBuilder calls = new StringBuilder();
        for (String operation : OPERATIONS) {
            calls.append(String.format(" %s %d/%d", operation, after.errors(operation) - before.errors(operation),
                    after.requests(operation) - before.requests(operation)));
        }
        FaultRuns.report(CASE, "round %d: %s killed; new leader after %.2f s; converged after %.2f s; failed/made"
                + " calls:%s; %d lines logged %s", round, leader.node(), FaultRuns.seconds(elected - killed),
                FaultRuns.seconds(converged - killed), calls, logged.size(), logged);
        assertThat(logged.size()).as("lines logged while the cluster had no leader: %s", logged)
                .isLessThanOrEqualTo(FaultRuns.spamBound(1, converged - killed, services.size()));
        leader.start();
        Eventually.until(() -> client.api().get("/v1/status/peers").array().size() == cluster.servers().size(),
                BOUND, () -> leader.node() + " back among the servers");
    }

    private static void control(FaultedAgent agent, String request) {
        RawHttp.Answer answer = agent.control(request);
        assertThat(answer.status()).as("%s: %s", request, answer.text()).isEqualTo(200);
    }

    private static boolean newLeader(ConsulCluster cluster, ConsulAgent old) {
        try {
            return cluster.leader() != old;
        } catch (IllegalStateException electing) {
            return false;
        }
    }
}
