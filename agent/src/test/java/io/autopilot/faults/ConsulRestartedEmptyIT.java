package io.autopilot.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consul killed and started again empty, as a dev agent or a client agent that lost its data directory comes back:
 * every registration gone. The agent must register every service again by itself, touch none of its jobs, and log
 * the outage once rather than once per retry. Figures: the time from Consul answering again until every service is
 * registered and passing, and the lines logged while Consul was away.
 */
@RealConsul
class ConsulRestartedEmptyIT {
    private static final String CASE = "consul restarted empty";
    /** Generous: the agent needs one health interval (1 s) or one telemetry heartbeat (5 s), plus a retry. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void everyServiceIsRegisteredAgainWithNoJobRestartedAndTheOutageLoggedOnce(ConsulAgent consul) throws Exception {
        int rounds = FaultRuns.rounds(2);
        Duration outage = FaultRuns.duration("outage", Duration.ofSeconds(1));
        ConsulFaultConfig config = ConsulFaultConfig.write(dir, consul.httpAddress());
        try (FaultedAgent agent = FaultedAgent.start(config)) {
            Set<String> services = ConsulChecks.awaitAll(consul.api(), RECOVERY_BOUND);
            Map<String, Integer> pids = agent.pids();
            assertThat(pids).hasSize(ConsulFaultConfig.JOBS);
            List<Double> recoveries = new ArrayList<>();
            long outageNanos = 0;
            int linesDuringOutages = 0;
            List<String> everyLine = new ArrayList<>();
            int failures = 0;
            for (int round = 1; round <= rounds; round++) {
                long down = System.nanoTime();
                consul.stop();
                Eventually.holdsFor(outage, () -> agent.pids().equals(pids), () -> "the jobs untouched: " + pids
                        + " became " + agent.pids());
                consul.restart();
                long back = System.nanoTime();
                boolean recovered = ConsulChecks.awaitPassing(consul.api(), services, RECOVERY_BOUND);
                long registered = System.nanoTime();
                List<String> logged = agent.linesBetween(down, back);
                if (!recovered || !agent.pids().equals(pids)) {
                    failures++;
                }
                recoveries.add(FaultRuns.seconds(registered - back));
                outageNanos += back - down;
                linesDuringOutages += logged.size();
                everyLine.addAll(logged);
                FaultRuns.report(CASE, "round %d: Consul away %.2f s, every service passing %.2f s after it"
                        + " answered again%s, %d lines logged while away %s", round, FaultRuns.seconds(back - down),
                        FaultRuns.seconds(registered - back), recovered ? "" : " (NOT within the bound)",
                        logged.size(), logged);
            }
            FaultRuns.report(CASE, "tried %d, failures %d, registered and passing again after %s s (median %.2f,"
                    + " max %.2f), jobs restarted %d, %d lines logged in %.1f s of outage", rounds, failures,
                    recoveries, FaultRuns.median(recoveries), FaultRuns.max(recoveries), agent.restarts(),
                    linesDuringOutages, FaultRuns.seconds(outageNanos));

            assertThat(failures).as("rounds where a service did not come back or a job changed").isZero();
            assertThat(agent.pids()).as("the same processes").isEqualTo(pids);
            assertThat(agent.restarts()).as("no job restarted").isZero();
            assertThat(everyLine).as("every line logged while Consul was away says it is about Consul")
                    .allMatch(line -> line.contains("consul"));
            assertThat(linesDuringOutages).as("lines logged while Consul was away, in %d outages", rounds)
                    .isLessThanOrEqualTo(FaultRuns.spamBound(rounds, outageNanos, services.size()));
            agent.stopCleanly();
        }
    }
}
