package io.autopilot.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Four agents, each PID 1 of its own namespace, run the same service with {@code rolling: {max: 1}}; an operator
 * restarts it on all four at once. Each instance's restart, from its old process's stop to its new process's first
 * passing check, must not overlap another's, and every instance must be restarted in the end.
 */
@RealConsul
@ExtendWith(PidOneScenarios.class)
class RollingRestartIT {
    private static final List<String> NODES = List.of("node1", "node2", "node3", "node4");

    private record Mark(String kind, String node, long pid, long nanos) {
    }

    private record Restart(String node, long stopped, long healthy) {
        boolean overlaps(Restart other) {
            return stopped < other.healthy && other.stopped < healthy;
        }
    }

    @Test
    void rollsOneAtATime(Scenario scenario, ConsulAgent consul) {
        Map<String, PidOneAgent> agents = start(scenario, consul, scenario.config("rollsOneAtATime.json5"));
        assertOneAtATime(scenario, agents, "an operator's restart", () -> {
            postToAll(scenario, "/v3/jobs/web/restart", "restarting web");
            agents.get("node1").await("an instance's status to show it waits for a slot", Duration.ofSeconds(10),
                    () -> NODES.stream().anyMatch(node -> request(scenario.file(node + ".sock"), "GET", "/v3/status")
                            .replaceAll("\\s", "").contains("\"rolling\":\"waiting\"")));
        });
    }

    @Test
    void rollsAReload(Scenario scenario, ConsulAgent consul) throws IOException {
        Path config = scenario.file("rolling.json5");
        Files.copy(scenario.config("rollsOneAtATime.json5"), config);
        Map<String, PidOneAgent> agents = start(scenario, consul, config);
        assertOneAtATime(scenario, agents, "a reload that changes the job", () -> {
            try {
                Files.writeString(config, Files.readString(config).replace("\"v1\"", "\"v2\""));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            postToAll(scenario, "/v3/reload", "200");
        });
    }

    private static Map<String, PidOneAgent> start(Scenario scenario, ConsulAgent consul, Path config) {
        scenario.env("CONSUL", consul.httpAddress()).env("ROLLING_KEY", "rolling-it/" + UUID.randomUUID());
        Map<String, PidOneAgent> agents = new LinkedHashMap<>();
        NODES.forEach(node -> agents.put(node, scenario.startNode(node, "-config", config.toString())));
        return agents;
    }

    /** Every instance healthy, then {@code trigger} on all: the restarts must not overlap, and all must happen. */
    private static void assertOneAtATime(Scenario scenario, Map<String, PidOneAgent> agents, String what,
            Runnable trigger) {
        PidOneAgent first = agents.get("node1");
        first.await("every instance healthy", Duration.ofSeconds(30),
                () -> NODES.stream().allMatch(node -> healthyPid(scenario, node, 0).isPresent()));
        Map<String, Long> before = new LinkedHashMap<>();
        NODES.forEach(node -> before.put(node, healthyPid(scenario, node, 0).orElseThrow()));

        trigger.run();

        first.await("every instance restarted and healthy again", Duration.ofSeconds(45),
                () -> NODES.stream().allMatch(node -> restart(scenario, node, before.get(node)).isPresent()));
        List<Restart> restarts = NODES.stream().map(node -> restart(scenario, node, before.get(node)).orElseThrow())
                .toList();
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < restarts.size(); i++) {
            for (int j = i + 1; j < restarts.size(); j++) {
                if (restarts.get(i).overlaps(restarts.get(j))) {
                    overlaps.add(restarts.get(i) + " and " + restarts.get(j));
                }
            }
        }
        assertThat(overlaps).as("restarts after %s that overlapped", what).isEmpty();
        long span = restarts.stream().mapToLong(Restart::healthy).max().orElseThrow()
                - restarts.stream().mapToLong(Restart::stopped).min().orElseThrow();
        System.out.printf("RollingRestartIT: after %s, 4 instances restarted one at a time in %d ms%n", what,
                span / 1_000_000);
    }

    private static void postToAll(Scenario scenario, String path, String expected) {
        List<CompletableFuture<String>> answers = NODES.stream().map(node -> CompletableFuture.supplyAsync(
                () -> request(scenario.file(node + ".sock"), "POST", path))).toList();
        answers.forEach(answer -> assertThat(answer.join()).as("the answer to POST %s", path).contains(expected));
    }

    /** The pid of the node's first instance seen healthy other than {@code except} (0: any). */
    private static Optional<Long> healthyPid(Scenario scenario, String node, long except) {
        return marks(scenario).stream().filter(m -> m.kind().equals("healthy") && m.node().equals(node)
                && m.pid() != except).map(Mark::pid).findFirst();
    }

    /** The node's restart: its old instance's stop, then its new instance's first passing check. */
    private static Optional<Restart> restart(Scenario scenario, String node, long oldPid) {
        List<Mark> marks = marks(scenario);
        Optional<Mark> stop = marks.stream().filter(m -> m.kind().equals("stop") && m.node().equals(node)
                && m.pid() == oldPid).findFirst();
        Optional<Mark> healthy = marks.stream().filter(m -> m.kind().equals("healthy") && m.node().equals(node)
                && m.pid() != oldPid).findFirst();
        return stop.flatMap(s -> healthy.map(h -> new Restart(node, s.nanos(), h.nanos())));
    }

    private static List<Mark> marks(Scenario scenario) {
        return scenario.lines("rolling.log").stream().map(line -> line.split(" ")).filter(f -> f.length == 4)
                .map(f -> new Mark(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]))).toList();
    }

    /** An operator's request on the agent's control socket; the answer's status line and body. */
    private static String request(Path socket, String method, String path) {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n";
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
