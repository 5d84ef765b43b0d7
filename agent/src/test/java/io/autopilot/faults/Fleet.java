package io.autopilot.faults;

import io.autopilot.scenarios.PidOneAgent;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulApi;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * N packaged agents, each PID 1 of its own pid, mount and UTS namespaces with host name {@code fleet-<i>} (so its
 * service IDs are {@code app-fleet-<i>} and {@code containerpilot-fleet-<i>}), each with the configuration of a typical
 * container: a job registered with a 5 s check, a watch of {@value #WATCHED} whose changes start a job that appends
 * the time to a file of its own, and telemetry (registered too). Agent {@code i} talks to the Consul address given
 * for it. Closing kills every namespace.
 */
final class Fleet implements AutoCloseable {
    static final String WATCHED = "fleet-target";
    private static final long CATALOG_POLL_MILLIS = 100;
    private static final int LISTEN_PORTS_FROM = 20_000;
    private static final int LISTEN_PORTS_SPREAD = 8_000;
    private static final String LAUNCHER = "#!/bin/sh\n"
            + "# fleet-host.sh HOSTNAME LAUNCHER ARGS...: names the host, then runs the agent.\n"
            + "echo \"$1\" > /proc/sys/kernel/hostname && shift && exec \"$@\"\n";

    private static final HttpClient METRICS = HttpClient.newHttpClient();

    private final List<PidOneAgent> agents;
    private final List<Path> folders;
    private final List<Integer> telemetryPorts;

    private Fleet(List<PidOneAgent> agents, List<Path> folders, List<Integer> telemetryPorts) {
        this.agents = agents;
        this.folders = folders;
        this.telemetryPorts = telemetryPorts;
    }

    /** Starts {@code size} agents, agent {@code i} (from 0) with Consul at {@code consul.apply(i)}. */
    static Fleet start(Path dist, Path work, int size, IntFunction<String> consul) {
        Path launcher = work.resolve("fleet-host.sh");
        List<Integer> telemetryPorts = listeningPorts(size);
        List<PidOneAgent> agents = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        var fleet = new Fleet(agents, folders, telemetryPorts);
        try {
            Files.writeString(launcher, LAUNCHER);
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (int i = 0; i < size; i++) {
                Path folder = Files.createDirectories(work.resolve("agent-" + i));
                Path config = folder.resolve("autopilot.json5");
                Files.writeString(config, config(consul.apply(i), telemetryPorts.get(i), folder.resolve("stamps")));
                folders.add(folder);
                agents.add(PidOneAgent.start(launcher, folder, List.of(hostname(i),
                        dist.resolve("bin/autopilot").toString(), "-config", config.toString()),
                        Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "JAVA_HOME", System.getProperty("java.home")),
                        pid -> true, false));
            }
        } catch (IOException e) {
            fleet.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            fleet.close();
            throw e;
        }
        return fleet;
    }

    /**
     * Ports free on loopback below the kernel's ephemeral range ({@code ip_local_port_range}, from 32768 by
     * default): a port from that range, free when chosen, can be taken by any outgoing connection (the proxy's to
     * Consul, for one) before the agent listens on it; below it, only another listener can take it.
     */
    private static List<Integer> listeningPorts(int count) {
        int ephemeralFrom = ephemeralFrom();
        List<Integer> ports = new ArrayList<>();
        int port = LISTEN_PORTS_FROM + ThreadLocalRandom.current().nextInt(LISTEN_PORTS_SPREAD);
        while (ports.size() < count) {
            if (++port >= ephemeralFrom) {
                throw new IllegalStateException("no " + count + " free ports on loopback below " + ephemeralFrom);
            }
            try (var probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                ports.add(probe.getLocalPort());
            } catch (IOException taken) {
                // taken: try the next one
            }
        }
        return ports;
    }

    private static int ephemeralFrom() {
        try {
            // readAllLines, not readString: on this file, readString returns only its first byte (JDK 25)
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst()
                    .strip().split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            return 32_768;
        }
    }

    private static String config(String consul, int telemetryPort, Path stamps) {
        return """
                {
                  consul: "%s",
                  logging: { level: "INFO" },
                  jobs: [
                    {
                      name: "app",
                      exec: ["sleep", "3600"],
                      port: 8080,
                      interfaces: ["static:127.0.0.1"],
                      health: { exec: "true", interval: 5, ttl: 15 },
                    },
                    {
                      name: "on-change",
                      exec: ["sh", "-c", "date +%%s%%N >> %s"],
                      when: { source: "watch.%s", each: "changed" },
                    },
                  ],
                  watches: [{ name: "%s", interval: 5 }],
                  telemetry: { port: %d, interfaces: ["static:127.0.0.1"] },
                }
                """.formatted(consul, stamps, WATCHED, WATCHED, telemetryPort);
    }

    static String hostname(int agent) {
        return "fleet-" + agent;
    }

    int size() {
        return agents.size();
    }

    PidOneAgent agent(int i) {
        return agents.get(i);
    }

    /** The agents whose app and telemetry endpoint are not both registered and passing in {@code api}'s catalog. */
    List<Integer> notPassing(ConsulApi api) {
        Set<String> passing = new HashSet<>(passingIds(api, "app"));
        passing.addAll(passingIds(api, "containerpilot"));
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (!passing.contains("app-" + hostname(i)) || !passing.contains("containerpilot-" + hostname(i))) {
                missing.add(i);
            }
        }
        return missing;
    }

    /** The IDs of the passing instances; none while Consul does not answer in time (a loaded machine, a restart). */
    private static List<String> passingIds(ConsulApi api, String service) {
        ConsulApi.Answer answer;
        try {
            answer = api.get("/v1/health/service/" + service + "?passing=1");
        } catch (IllegalStateException noAnswer) {
            return List.of();
        }
        if (answer.status() != 200) {
            return List.of();
        }
        return answer.array().stream().map(entry -> ((JsonObject) entry).getJsonObject("Service").getString("ID"))
                .toList();
    }

    /**
     * Waits until every agent is registered and passing; fails naming the first agent that is not, with its log.
     * Asks Consul every {@value #CATALOG_POLL_MILLIS} ms only, so that the asking does not load the Consul measured.
     */
    void awaitPassing(ConsulApi api, Duration timeout) {
        long[] next = {System.nanoTime()};
        try {
            Eventually.until(() -> {
                if (System.nanoTime() - next[0] < 0) {
                    return false;
                }
                next[0] = System.nanoTime() + CATALOG_POLL_MILLIS * 1_000_000;
                return notPassing(api).isEmpty();
            }, timeout,
                    () -> "every agent registered and passing; not: " + notPassing(api));
        } catch (AssertionError e) {
            List<Integer> missing = notPassing(api);
            throw new AssertionError(e.getMessage() + (missing.isEmpty() ? ""
                    : "\nagent " + hostname(missing.getFirst()) + ":\n" + agent(missing.getFirst()).logTail()), e);
        }
    }

    /** The times (epoch nanoseconds) at which agent {@code i}'s on-change job ran, in order. */
    List<Long> stamps(int i) {
        Path file = folders.get(i).resolve("stamps");
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank())
                    .map(l -> Long.parseLong(l.strip())).toList() : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How many runs of agent {@code i}'s on-change job have ended, from its telemetry: a change that comes while the
     * job still runs does not start it again, so the next change must wait for the run to end, not only to begin.
     */
    int runsEnded(int i) {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + telemetryPorts.get(i) + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            return METRICS.send(request, HttpResponse.BodyHandlers.ofString()).body().lines()
                    .filter(line -> line.startsWith("containerpilot_events{") && line.contains("code=\"ExitSuccess\"")
                            && line.contains("source=\"on-change\""))
                    .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading " + hostname(i) + "'s metrics", e);
        }
    }

    /** Kills every namespace, all at once, and waits for each. */
    @Override
    public void close() {
        agents.parallelStream().forEach(PidOneAgent::close);
    }
}
