package io.autopilot.testing.consul;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Servers started with {@code -server -bootstrap-expect N}, each told to join the others' serf ports on loopback, and
 * the client agents {@link #joinClient()} adds. {@code raft_multiplier = 1} keeps elections at production speed for
 * tests (the default 5 is for slow machines). Processes only: {@link TestConsul#cluster()} skips where Consul would
 * have to run in Docker.
 */
public final class ConsulCluster implements AutoCloseable {
    private final Path binary;
    private final String name;
    private final List<ConsulAgent> servers;
    private final List<ConsulAgent> clients = new CopyOnWriteArrayList<>();

    private ConsulCluster(Path binary, String name, List<ConsulAgent> servers) {
        this.binary = binary;
        this.name = name;
        this.servers = List.copyOf(servers);
    }

    static ConsulCluster start(Path binary, int size) {
        List<ConsulAgent.Ports> ports = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ports.add(ConsulAgent.Ports.free());
        }
        List<ConsulAgent> servers = new ArrayList<>();
        String name = TestConsul.nodeName("cluster");
        try {
            for (int i = 0; i < size; i++) {
                List<String> arguments = new ArrayList<>(List.of("-server", "-bootstrap-expect",
                        Integer.toString(size), "-disable-host-node-id", "-hcl",
                        "performance { raft_multiplier = 1 }"));
                for (int j = 0; j < size; j++) {
                    if (j != i) {
                        arguments.addAll(List.of("-retry-join", "127.0.0.1:" + ports.get(j).serfLan(),
                                "-retry-interval", "200ms"));
                    }
                }
                var server = ConsulAgent.process(binary, name + "-" + i, ports.get(i), arguments, Optional.empty());
                servers.add(server);
                server.launch();
            }
            for (ConsulAgent server : servers) {
                Readiness.await(server, server.api(), ConsulAgent.READY_TIMEOUT);
            }
        } catch (RuntimeException e) {
            servers.forEach(ConsulAgent::close);
            throw e;
        }
        return new ConsulCluster(binary, name, servers);
    }

    public List<ConsulAgent> servers() {
        return servers;
    }

    /**
     * A Consul agent in client mode joined to the servers, as each host of a fleet runs one: the agent under test
     * talks to it, and it forwards to the servers what needs them. Returns once it answers through a leader; closed
     * with the cluster.
     */
    public ConsulAgent joinClient() {
        List<String> arguments = new ArrayList<>(List.of("-disable-host-node-id"));
        for (ConsulAgent server : servers) {
            arguments.addAll(List.of("-retry-join", "127.0.0.1:" + server.ports().serfLan(), "-retry-interval",
                    "200ms"));
        }
        var client = ConsulAgent.process(binary, name + "-client-" + (clients.size() + 1), ConsulAgent.Ports.free(),
                arguments, Optional.empty());
        clients.add(client);
        client.start();
        return client;
    }

    /**
     * The server the others follow, as {@code /v1/status/leader} names its RPC address, asked of a server that
     * runs; fails while there is none (an election).
     */
    public ConsulAgent leader() {
        ConsulAgent running = servers.stream().filter(ConsulAgent::running).findFirst()
                .orElseThrow(() -> new IllegalStateException("no server runs"));
        String leader = running.api().get("/v1/status/leader").body().replace("\"", "").strip();
        return servers.stream().filter(s -> leader.equals("127.0.0.1:" + s.ports().server())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no server is the leader " + leader));
    }

    @Override
    public void close() {
        clients.forEach(ConsulAgent::close);
        servers.forEach(ConsulAgent::close);
    }
}
