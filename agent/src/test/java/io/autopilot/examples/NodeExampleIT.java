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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code examples/node} run with docker-compose exactly as its README says (build, {@code up -d --scale app=3}),
 * then changed under a steady stream of requests through nginx: an instance added, one stopped with
 * {@code docker stop}, one killed with {@code docker kill}. Each change must reach Consul and nginx's rendered
 * configuration, nginx must be reloaded (same master, new workers) rather than restarted, and no request may fail.
 * The steps build on each other, in order; the host talks to the project only through the ports it publishes on
 * 127.0.0.1 (nginx, Consul) and through {@code docker exec}.
 */
@ContainerTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeExampleIT {
    private static final Path EXAMPLE = Repository.root().resolve("examples/node");
    private static final Pattern UPSTREAM = Pattern.compile("(?m)^\\s*server \\S+;\\s+# (app-\\S+) on ");
    private static final Pattern INSTANCE = Pattern.compile("(?mi)^X-Instance: (\\S+)");
    private static final Duration CHANGE = Duration.ofSeconds(30);

    private static Compose compose;
    private static ConsulApi consul;
    private static int nginxPort;
    private static String nginx;
    private static Load load;
    private static String master;

    @BeforeAll
    static void upAsTheReadmeSays() {
        compose = new Compose(EXAMPLE, "autopilotnode" + ProcessHandle.current().pid(),
                Map.of("NGINX_PORT", "", "CONSUL_UI_PORT", ""), Duration.ofSeconds(20));
        compose.build("autopilot-example-node-app", "autopilot-example-node-nginx");
        compose.ok(Duration.ofMinutes(5), "up", "-d", "--scale", "app=3");
        nginxPort = compose.port("nginx", 80);
        consul = ConsulApi.at("127.0.0.1:" + compose.port("consul", 8500));
        nginx = compose.containers("nginx").getFirst();
    }

    @AfterAll
    static void down() {
        if (load != null) {
            load.stop();
        }
        if (compose != null) {
            compose.close();
        }
    }

    @Test
    @Order(1)
    void threeInstancesPassAndNginxSpreadsRequestsOverThem() {
        List<String> apps = compose.containers("app");
        assertThat(apps).hasSize(3);
        settlesOn(apps);
        master = nginxProcesses().getFirst();
        load = Load.start(nginxPort);
    }

    @Test
    @Order(2)
    void aFourthInstanceJoinsAndNginxIsReloadedToSendItRequests() {
        List<String> before = compose.containers("app");
        List<String> workers = workers();

        compose.ok(Duration.ofMinutes(2), "up", "-d", "--no-recreate", "--scale", "app=4");

        List<String> apps = compose.containers("app");
        assertThat(apps).hasSize(4).containsAll(before);
        settlesOn(apps);
        reloadedSince(workers);
    }

    @Test
    @Order(3)
    void dockerStopDeregistersTheInstanceBeforeItsAppGetsSigtermAndExitsZero() throws Exception {
        List<String> apps = compose.containers("app");
        String stopped = apps.getFirst();
        String serviceId = serviceId(stopped);
        List<String> workers = workers();

        long started = System.nanoTime();
        CompletableFuture<HostCommand.Result> stop = CompletableFuture.supplyAsync(
                () -> Docker.docker(Duration.ofSeconds(60), "stop", "-t", "15", stopped));
        // Consul is asked until the instance is gone: the moment seen is after the deregistration itself.
        Eventually.until(() -> !registered().contains(serviceId), Duration.ofSeconds(15),
                () -> serviceId + " leaves Consul; registered: " + registered());
        Instant goneSeen = Instant.now();
        stop.get().orFail();
        Duration stopTook = Duration.ofNanos(System.nanoTime() - started);

        assertThat(Docker.inspect(stopped, "{{.State.ExitCode}}")).as("the container's exit status").isEqualTo("0");
        assertThat(stopTook).as("docker stop returned because the agent exited, not after its 15 s grace")
                .isLessThan(Duration.ofSeconds(10));
        List<String> log = Docker.timestampedLogs(stopped);
        int deregistering = indexOf(log, "deregistering service " + serviceId);
        int sigterm = indexOf(log, "SIGTERM, finishing requests in flight");
        assertThat(deregistering).as("the agent logged the deregistration:%n%s", String.join("\n", log))
                .isNotNegative();
        assertThat(sigterm).as("the app logged its SIGTERM:%n%s", String.join("\n", log)).isGreaterThan(deregistering);
        assertThat(goneSeen).as("Consul had dropped %s before the app got SIGTERM", serviceId)
                .isBefore(Instant.parse(log.get(sigterm).substring(0, log.get(sigterm).indexOf(' '))));

        settlesOn(apps.subList(1, apps.size()));
        reloadedSince(workers);
    }

    @Test
    @Order(4)
    void dockerKillLeavesTheInstanceToItsTtlWhileTheOthersKeepServing() {
        List<String> running = compose.containers("app").stream()
                .filter(id -> Docker.inspect(id, "{{.State.Running}}").equals("true")).toList();
        String killed = running.getFirst();
        List<String> workers = workers();

        Docker.dockerOk("kill", killed);

        assertThat(Docker.inspect(killed, "{{.State.ExitCode}}")).as("killed with SIGKILL").isEqualTo("137");
        settlesOn(running.subList(1, running.size()));
        reloadedSince(workers);
    }

    @Test
    @Order(5)
    void noRequestFailedAndNginxKeptItsMasterProcessThroughout() {
        assertThat(load).as("the load started with the tier").isNotNull();
        List<Answer> outcomes = load.stop();
        List<Answer> failed = outcomes.stream().filter(answer -> answer.instance() == null).toList();
        assertThat(outcomes.size()).as("requests sent while the tier changed").isGreaterThan(50);
        assertThat(failed).as("failed requests of %s", outcomes.size()).isEmpty();
        assertThat(nginxProcesses().getFirst()).as("nginx's master process").isEqualTo(master);
    }

    // --- what the steps look at --------------------------------------------------------------------------------

    /**
     * Until Consul passes exactly these containers' instances, nginx's file has exactly them as upstreams, and
     * requests through nginx reach each of them.
     */
    private static void settlesOn(List<String> apps) {
        Set<String> expected = apps.stream().map(NodeExampleIT::serviceId)
                .collect(Collectors.toCollection(TreeSet::new));
        Eventually.until(() -> passing().equals(expected), CHANGE,
                () -> "passing in Consul: " + expected + ", not " + passing() + "\n" + compose.logs(30));
        Eventually.until(() -> upstreams().equals(expected), CHANGE,
                () -> "nginx's upstreams: " + expected + ", not " + upstreams() + "\n" + compose.logs(30));
        Set<String> instances = apps.stream().map(NodeExampleIT::hostName)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> reached = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        Eventually.until(() -> {
            for (int i = 0; i < 10 * apps.size(); i++) {
                Answer answer = request(nginxPort);
                if (answer.instance() != null) {
                    reached.add(answer.instance());
                } else {
                    problems.add(answer.problem());
                }
            }
            return reached.equals(instances);
        }, CHANGE, () -> "requests through nginx reach " + instances + ", not " + reached + "; failures: "
                + problems.stream().distinct().limit(5).toList());
    }

    /** The workers nginx had before a change are gone after it: a SIGHUP reload, not a restart, replaced them. */
    private static void reloadedSince(List<String> workersBefore) {
        Eventually.until(() -> Collections.disjoint(workers(), workersBefore), CHANGE,
                () -> "nginx's workers " + workersBefore + " replaced; now " + workers());
        assertThat(nginxProcesses().getFirst()).as("nginx's master process").isEqualTo(master);
    }

    private static Set<String> passing() {
        return serviceIds("/v1/health/service/app?passing");
    }

    private static Set<String> registered() {
        return serviceIds("/v1/health/service/app");
    }

    private static Set<String> serviceIds(String path) {
        Set<String> ids = new TreeSet<>();
        for (Object entry : consul.get(path).array()) {
            ids.add(((JsonObject) entry).getJsonObject("Service").getString("ID"));
        }
        return ids;
    }

    private static Set<String> upstreams() {
        HostCommand.Result conf = Docker.exec(nginx, "cat", "/etc/nginx/nginx.conf");
        Set<String> ids = new TreeSet<>();
        Matcher upstream = UPSTREAM.matcher(conf.out());
        while (upstream.find()) {
            ids.add(upstream.group(1));
        }
        return ids;
    }

    /** nginx's master pid, then its workers' pids, as the container sees them. */
    private static List<String> nginxProcesses() {
        String processes = Docker.exec(nginx, "sh", "-c",
                "master=$(cat /var/run/nginx.pid) && echo $master && cat /proc/$master/task/*/children").orFail();
        return List.of(processes.strip().split("\\s+"));
    }

    private static List<String> workers() {
        List<String> processes = nginxProcesses();
        return processes.subList(1, processes.size());
    }

    /** The container's host name, its short id: what server.js answers with. */
    private static String hostName(String container) {
        return container.substring(0, 12);
    }

    private static String serviceId(String container) {
        return "app-" + hostName(container);
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    /** What one request through nginx got: the instance that answered, or why there was none. */
    record Answer(Instant at, String instance, String problem) {
    }

    /**
     * One request through nginx on its own connection, as curl makes it: the instance that answered
     * ({@code X-Instance}), or what went wrong (refused, reset, timed out, not 200).
     */
    static Answer request(int port) {
        Instant at = Instant.now();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            Matcher instance = INSTANCE.matcher(answer);
            if (answer.startsWith("HTTP/1.1 200 ") && instance.find()) {
                return new Answer(at, instance.group(1), null);
            }
            return new Answer(at, null, answer.lines().findFirst().orElse("no answer"));
        } catch (IOException e) {
            return new Answer(at, null, e.toString());
        }
    }

    /** Requests through nginx, 20 ms apart on a thread of its own, every answer kept, until stopped. */
    private static final class Load {
        private final List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("node-example-load").daemon().factory());

        static Load start(int port) {
            Load load = new Load();
            load.thread.scheduleWithFixedDelay(() -> load.answers.add(request(port)), 0, 20, TimeUnit.MILLISECONDS);
            return load;
        }

        List<Answer> stop() {
            thread.shutdown();
            try {
                thread.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (answers) {
                return List.copyOf(answers);
            }
        }
    }
}
