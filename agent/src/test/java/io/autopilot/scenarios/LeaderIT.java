package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three agents, each PID 1 of its own namespace, share a {@code leader} key in a real Consul; each runs job
 * {@code lead} on {@code elected}, which holds a marker file while it runs. One is elected; stopped with TERM it gives
 * the lock up after its job has stopped, and another is elected at once; killed with SIGKILL (its whole namespace) its
 * session is no longer renewed, and another is elected once Consul has invalidated it and the lock delay has passed.
 * Throughout, a sampler checks every 10 ms that no two live agents' leader jobs run at once.
 */
@RealConsul
@ExtendWith(PidOneScenarios.class)
class LeaderIT {
    private static final Duration TTL = Duration.ofSeconds(10);
    private static final Duration LOCK_DELAY = Duration.ofSeconds(1);
    /** Consul invalidates a session between one and two TTLs after its last renewal; then the lock delay runs. */
    private static final Duration FAILOVER_BOUND = TTL.multipliedBy(2).plus(LOCK_DELAY).plusSeconds(5);

    @Test
    void electsOneLeaderAtATimeAcrossAStopAndAKill(Scenario scenario, ConsulAgent consul) {
        scenario.env("CONSUL", consul.httpAddress()).env("LEADER_KEY", "leader-it/" + UUID.randomUUID());
        String config = scenario.config("electsOneLeaderAtATimeAcrossAStopAndAKill.json5").toString();
        Map<String, PidOneAgent> agents = new LinkedHashMap<>();
        for (String node : List.of("node1", "node2", "node3")) {
            agents.put(node, scenario.startNode(node, "-config", config));
        }
        try (Leaders leaders = new Leaders(scenario.file("leaders"))) {
            String first = leaders.awaitOne(Set.of(), Duration.ofSeconds(30), agents);
            Eventually.holdsFor(Duration.ofSeconds(2), () -> leaders.live().equals(Set.of(first)),
                    () -> "only " + first + " leads: " + leaders.live());

            agents.get(first).signal(Signal.TERM);
            assertThat(agents.get(first).awaitExit(Duration.ofSeconds(20))).as(first + "'s exit code").isZero();
            long handedOver = System.nanoTime();
            String second = leaders.awaitOne(Set.of(first), Duration.ofSeconds(10), agents);
            Duration handover = Duration.ofNanos(System.nanoTime() - handedOver);

            leaders.dead(second);
            long killed = System.nanoTime();
            agents.get(second).signal(Signal.KILL);
            String third = leaders.awaitOne(Set.of(first, second), FAILOVER_BOUND, agents);
            Duration failover = Duration.ofNanos(System.nanoTime() - killed);

            assertThat(leaders.overlaps()).as("moments two live agents' leader jobs ran at once").isEmpty();
            assertThat(Set.of(first, second, third)).as("three leaders in turn").hasSize(3);
            assertThat(handover).as("from the leader's exit to the next election").isLessThan(Duration.ofSeconds(5));
            assertThat(failover).as("from the kill to the next election").isGreaterThanOrEqualTo(LOCK_DELAY)
                    .isLessThanOrEqualTo(FAILOVER_BOUND);
            System.out.printf("LeaderIT: handover %d ms after a stop, failover %d ms after a kill -9%n",
                    handover.toMillis(), failover.toMillis());
        }
    }

    /** Samples the leader jobs' markers every 10 ms; markers of killed agents (never removed) do not count. */
    private static final class Leaders implements AutoCloseable {
        private final Path folder;
        private final Set<String> dead = ConcurrentHashMap.newKeySet();
        private final List<String> overlaps = new CopyOnWriteArrayList<>();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("leader-sampler").factory());

        Leaders(Path folder) {
            this.folder = folder;
            sampler.scheduleAtFixedRate(this::sample, 0, 10, TimeUnit.MILLISECONDS);
        }

        Set<String> live() {
            if (!Files.isDirectory(folder)) {
                return Set.of();
            }
            try (Stream<Path> markers = Files.list(folder)) {
                return markers.map(p -> p.getFileName().toString()).filter(n -> !dead.contains(n))
                        .collect(Collectors.toSet());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The one live leader, other than {@code before}, once there is one. */
        String awaitOne(Set<String> before, Duration timeout, Map<String, PidOneAgent> agents) {
            List<String> seen = new ArrayList<>();
            Eventually.until(() -> {
                Set<String> now = live();
                seen.clear();
                seen.addAll(now);
                return now.size() == 1 && !before.contains(now.iterator().next());
            }, timeout, () -> "one leader other than " + before + "; leading: " + seen + "\n" + tails(agents));
            return seen.getFirst();
        }

        /** An agent about to be killed: its marker stays behind. */
        void dead(String node) {
            dead.add(node);
        }

        List<String> overlaps() {
            return List.copyOf(overlaps);
        }

        private void sample() {
            try {
                Set<String> now = live();
                if (now.size() > 1 && overlaps.size() < 20) {
                    overlaps.add(System.nanoTime() + ": " + now);
                }
            } catch (UncheckedIOException e) {
                // A marker removed while listed: the next sample sees the folder as it is.
            }
        }

        private static String tails(Map<String, PidOneAgent> agents) {
            StringBuilder text = new StringBuilder();
            agents.forEach((node, agent) -> text.append("=== ").append(node).append('\n').append(agent.logTail()));
            return text.toString();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
            try {
                sampler.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
