package io.autopilot.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.Repository;
import io.autopilot.testing.consul.ConsulApi;
import io.autopilot.testing.docker.Compose;
import io.autopilot.testing.docker.ContainerTest;
import io.autopilot.testing.docker.Docker;
import io.autopilot.testing.docker.HostCommand;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code examples/redis-cluster} with docker-compose, checked as its local run checks it: three nodes started together
 * make one cluster (one creates it, two join), a fourth joins and takes slots, a node stopped with {@code docker stop}
 * hands its slots over and leaves, and the rest, stopped together, leave one by one until the last ends the cluster.
 * Redis is asked from inside the containers ({@code docker exec redis-cli}, which follows the cluster's redirections
 * on the project's network); Consul through the port it publishes on 127.0.0.1.
 */
@ContainerTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterExampleIT {
    private static final Path EXAMPLE = Repository.root().resolve("examples/redis-cluster");
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final int KEYS = 10;

    private static Compose compose;
    private static ConsulApi consul;
    private static String creator;

    @BeforeAll
    static void upAsTheComposeFileSays() {
        compose = new Compose(EXAMPLE, "autopilotredis" + ProcessHandle.current().pid(), Map.of("CONSUL_UI_PORT", ""),
                Duration.ofSeconds(100));
        compose.build("autopilot-example-redis-cluster");
        compose.ok(Duration.ofMinutes(5), "up", "-d");
        consul = ConsulApi.at("127.0.0.1:" + compose.port("consul", 8500));
    }

    @AfterAll
    static void down() {
        if (compose != null) {
            compose.close();
        }
    }

    @Test
    @Order(1)
    void threeNodesStartedTogetherMakeOneClusterThatOneOfThemCreated() {
        List<String> nodes = compose.containers("redis");
        assertThat(nodes).hasSize(3);
        settlesOn(nodes);

        List<String> creators = nodesThatLogged(nodes, "created the cluster");
        assertThat(creators).as("the nodes that created a cluster").hasSize(1);
        creator = creators.getFirst();
        assertThat(nodesThatLogged(nodes, "joined the cluster")).as("the others joined it")
                .containsExactlyInAnyOrderElementsOf(nodes.stream().filter(n -> !n.equals(creator)).toList());
        assertThat(consul.get("/v1/kv/redis-cluster/initialised?raw").body()).as("the marker in Consul")
                .startsWith("created by " + hostName(creator) + " ");

        for (int i = 1; i <= KEYS; i++) {
            assertThat(redis(nodes.getFirst(), "-c", "set", "autopilot:key:" + i, "value-" + i)).isEqualTo("OK");
        }
        assertThat(nodes).allSatisfy(RedisClusterExampleIT::readsEveryKey);
    }

    @Test
    @Order(2)
    void aFourthNodeJoinsAndTakesItsShareOfTheSlots() {
        List<String> before = compose.containers("redis");
        compose.ok(Duration.ofMinutes(2), "up", "-d", "--no-recreate", "--scale", "redis=4");
        List<String> nodes = compose.containers("redis");
        assertThat(nodes).hasSize(4).containsAll(before);
        String fourth = nodes.stream().filter(node -> !before.contains(node)).findFirst().orElseThrow();

        settlesOn(nodes);
        assertThat(nodesThatLogged(List.of(fourth), "joined the cluster")).containsExactly(fourth);
        readsEveryKey(fourth);
    }

    @Test
    @Order(3)
    void dockerStopMakesANodeHandItsSlotsOverAndLeave() {
        List<String> nodes = compose.containers("redis");
        String leaving = creator; // the node that created the cluster is not special once others have joined
        String leavingId = redis(leaving, "cluster", "myid");
        List<String> staying = nodes.stream().filter(node -> !node.equals(leaving)).toList();

        Docker.docker(Duration.ofMinutes(2), "stop", "-t", "100", leaving).orFail();

        assertThat(Docker.inspect(leaving, "{{.State.ExitCode}}")).as("the agent's exit status").isEqualTo("0");
        assertThat(nodesThatLogged(List.of(leaving), "left the cluster")).containsExactly(leaving);
        settlesOn(staying);
        for (String node : staying) {
            assertThat(redis(node, "cluster", "nodes")).as("%s forgot the node that left", node)
                    .doesNotContain(leavingId);
            readsEveryKey(node);
        }
    }

    @Test
    @Order(4)
    void theRestStoppedTogetherLeaveOneByOneAndTheLastEndsTheCluster() {
        List<String> nodes = compose.containers("redis").stream()
                .filter(node -> Docker.inspect(node, "{{.State.Running}}").equals("true")).toList();
        assertThat(nodes).hasSize(3);

        compose.ok(Duration.ofMinutes(4), "stop", "-t", "100", "redis");

        assertThat(nodes).allSatisfy(node -> assertThat(Docker.inspect(node, "{{.State.ExitCode}}"))
                .as("%s's exit status", node).isEqualTo("0"));
        assertThat(nodesThatLogged(nodes, "the last node leaves")).as("the node that ended the cluster").hasSize(1);
        assertThat(nodesThatLogged(nodes, "left the cluster")).as("the nodes that left it before").hasSize(2);
        assertThat(consul.get("/v1/kv/redis-cluster/initialised?raw").status()).as("the marker is gone")
                .isEqualTo(404);
        assertThat(consul.get("/v1/catalog/service/redis").array()).as("no redis service is left in Consul")
                .isEmpty();
    }

    // --- what the steps look at --------------------------------------------------------------------------------

    /**
     * Until every node's join job has finished, Consul passes exactly these nodes, and every one of them sees a
     * settled cluster of them all: state ok, every slot assigned, each node a master that owns slots.
     */
    private static void settlesOn(List<String> nodes) {
        Eventually.until(() -> nodesThatLogged(nodes, "job join exited: exit 0").size() == nodes.size(), SETTLE,
                () -> "the join job of every node exits 0; done: " + nodesThatLogged(nodes, "job join exited")
                        + "\n" + compose.logs(40));
        Set<String> expected = nodes.stream().map(node -> "redis-" + hostName(node))
                .collect(Collectors.toCollection(TreeSet::new));
        Eventually.until(() -> passing().equals(expected), SETTLE,
                () -> "passing in Consul: " + expected + ", not " + passing() + "\n" + compose.logs(40));
        List<String> views = new ArrayList<>();
        Eventually.until(() -> {
            views.clear();
            boolean settled = true;
            for (String node : nodes) {
                String info = redis(node, "cluster", "info");
                long masters = redis(node, "cluster", "nodes").lines()
                        .filter(line -> line.split(" ")[2].contains("master") && !line.contains("fail")
                                && line.split(" ").length >= 9)
                        .count();
                views.add(hostName(node) + ": " + masters + " masters with slots, " + info.lines()
                        .filter(line -> line.matches("cluster_(state|slots_assigned|known_nodes):.*")).toList());
                settled &= info.contains("cluster_state:ok") && info.contains("cluster_slots_assigned:16384")
                        && info.contains("cluster_known_nodes:" + nodes.size()) && masters == nodes.size();
            }
            return settled;
        }, SETTLE, () -> "a settled cluster of " + nodes.size() + " nodes; seen: " + views + "\n" + compose.logs(40));
    }

    private static Set<String> passing() {
        Set<String> ids = new TreeSet<>();
        for (Object entry : consul.get("/v1/health/service/redis?passing").array()) {
            ids.add(((JsonObject) entry).getJsonObject("Service").getString("ID"));
        }
        return ids;
    }

    private static void readsEveryKey(String node) {
        for (int i = 1; i <= KEYS; i++) {
            assertThat(redis(node, "-c", "get", "autopilot:key:" + i)).as("key %s read through %s", i, node)
                    .isEqualTo("value-" + i);
        }
    }

    /** {@code redis-cli ARGS} inside {@code node}, against its own redis-server: the answer, stripped. */
    private static String redis(String node, String... arguments) {
        List<String> command = new ArrayList<>(List.of("timeout", "10", "redis-cli"));
        command.addAll(List.of(arguments));
        HostCommand.Result result = Docker.exec(node, command.toArray(String[]::new));
        return result.ok() ? result.out().strip() : "";
    }

    private static List<String> nodesThatLogged(List<String> nodes, String text) {
        return nodes.stream().filter(node -> String.join("\n", Docker.timestampedLogs(node)).contains(text)).toList();
    }

    private static String hostName(String container) {
        return container.substring(0, 12);
    }
}
