package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consul stalled: it still receives every request but its answers are held ({@link StallProxy}), as an overloaded
 * Consul agent behaves. The agent must keep its control plane answering (nothing in it waits on Consul), keep its jobs,
 * open no more connections than its budget, and recover on its own once the answers flow again. Figures: control
 * request latency, the services Consul saw passing and the connections open during the stall, the Consul calls that
 * failed, and the time from the release until a change made during the stall reaches the agent's template.
 */
@RealConsul
class ConsulStallIT {
    private static final String CASE = "consul stalled";
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(120);
    /** Generous, for a loaded machine: nothing in the control plane waits on Consul. */
    private static final Duration CONTROL_BOUND = Duration.ofSeconds(5);
    /** The agent's connection budget: 64 for blocking queries, 4 for its own services. */
    private static final int CONNECTION_BUDGET = 68;

    @TempDir
    Path dir;

    @Test
    void theControlPlaneAnswersAndTheAgentRecoversWhileConsulHoldsItsAnswers(ConsulAgent consul) throws Exception {
        int rounds = FaultRuns.rounds(1);
        Duration stall = FaultRuns.duration("stall", Duration.ofSeconds(12));
        try (StallProxy proxy = StallProxy.to(consul.ports().http())) {
            ConsulFaultConfig config = ConsulFaultConfig.write(dir, proxy.address());
            try (FaultedAgent agent = FaultedAgent.start(config)) {
                Set<String> services = ConsulChecks.awaitAll(consul.api(), RECOVERY_BOUND);
                Map<String, Integer> pids = agent.pids();
                Backends backends = new Backends(consul.api());
                backends.addAndAwait("before", config);
                int failures = 0;
                for (int round = 1; round <= rounds; round++) {
                    failures += stallOnce(round, stall, proxy, agent, config, consul, services, pids, backends)
                            ? 0 : 1;
                }
                FaultRuns.report(CASE, "tried %d stalls of %s, failures %d, jobs restarted %d", rounds, stall,
                        failures, agent.restarts());
                assertThat(failures).as("stalls the agent did not recover from").isZero();
                assertThat(agent.pids()).as("the same processes").isEqualTo(pids);
                assertThat(agent.restarts()).as("no job restarted").isZero();
                agent.stopCleanly();
            }
        }
    }

    /** One stall and the recovery after it; whether the agent recovered within the bound. */
    private static boolean stallOnce(int round, Duration stall, StallProxy proxy, FaultedAgent agent,
            ConsulFaultConfig config, ConsulAgent consul, Set<String> services, Map<String, Integer> pids,
            Backends backends) {
        MetricsScrape before = agent.metrics();
        var samples = new StallSamples(agent, consul.api(), CONTROL_BOUND);
        long held = System.nanoTime();
        proxy.hold();
        String change = "stall-" + round;
        backends.add(change);
        Eventually.holdsFor(stall, samples::take, () -> "the control plane answering within " + CONTROL_BOUND
                + " and the jobs untouched during the stall: " + samples.last() + "; pids " + pids);
        proxy.release();
        long released = System.nanoTime();
        List<String> logged = agent.linesBetween(held, released);
        boolean recovered = awaitRecovery(config, consul, services, change);
        long recoveredAt = System.nanoTime();
        MetricsScrape after = agent.metrics();
        FaultRuns.report(CASE, "round %d: %s held %.1f s; control answered in %s; Consul saw %s of %d services"
                + " passing; connections open at most %d (%d accepted in all); failed calls register %d, check %d,"
                + " watch %d (of %d, %d, %d); %d lines logged %s; recovered %.2f s after the release%s", round,
                proxy.address(), FaultRuns.seconds(released - held), samples.latencies(), samples.passingRange(),
                services.size(), proxy.peakOpen(), proxy.accepted(),
                after.errors("register") - before.errors("register"), after.errors("check") - before.errors("check"),
                after.errors("watch") - before.errors("watch"), after.requests("register")
                        - before.requests("register"), after.requests("check") - before.requests("check"),
                after.requests("watch") - before.requests("watch"), logged.size(), logged,
                FaultRuns.seconds(recoveredAt - released), recovered ? "" : " (NOT within the bound)");
        assertThat(proxy.peakOpen()).as("connections open at once during the stall")
                .isLessThanOrEqualTo(CONNECTION_BUDGET);
        assertThat(logged.size()).as("lines logged during the stall: %s", logged)
                .isLessThanOrEqualTo(FaultRuns.spamBound(1, released - held, services.size()));
        return recovered && agent.pids().equals(pids);
    }

    /** Every service passing again, and the change made during the stall in the template. */
    private static boolean awaitRecovery(ConsulFaultConfig config, ConsulAgent consul, Set<String> services,
            String change) {
        try {
            Eventually.until(() -> config.renderedText().contains("backend-" + change)
                    && ConsulChecks.passing(consul.api(), services), RECOVERY_BOUND, () -> "");
            return true;
        } catch (AssertionError notInTime) {
            return false;
        }
    }
}
