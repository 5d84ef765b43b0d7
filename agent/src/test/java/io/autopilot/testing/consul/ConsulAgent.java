package io.autopilot.testing.consul;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One Consul agent on an address chosen once: {@link #stop()} and {@link #start()} bring it back on the same address,
 * so a client under test sees the same Consul go away and return. Its data directory survives that, and with it the
 * services registered with it (Consul persists them there, even in dev mode); {@link #restart()} empties it, so
 * Consul comes back having lost every registration. It runs as a process on loopback or, where there is no Consul
 * binary, in a Docker container whose HTTP port is published on a fixed port of 127.0.0.1 ({@link ConsulBackend}).
 */
public final class ConsulAgent implements AutoCloseable {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final String node;
    private final Ports ports;
    private final Optional<String> token;
    private final RecentLines output;
    private final ConsulBackend backend;

    /**
     * The agent's ports. A process listens on all of them on 127.0.0.1; a container publishes only {@code http} on the
     * host, and the others are Consul's defaults inside the container.
     */
    public record Ports(int http, int serfLan, int serfWan, int server) {
        static Ports free() {
            List<Integer> ports = FreePorts.take(4);
            return new Ports(ports.get(0), ports.get(1), ports.get(2), ports.get(3));
        }

        static Ports publishedHttp(int hostPort) {
            return new Ports(hostPort, 8301, 8302, 8300);
        }
    }

    private ConsulAgent(String node, Ports ports, Optional<String> token, RecentLines output, ConsulBackend backend) {
        this.node = node;
        this.ports = ports;
        this.token = token;
        this.output = output;
        this.backend = backend;
    }

    /** {@code consul agent} from {@code binary} with these arguments besides the ports and data directory. */
    static ConsulAgent process(Path binary, String node, Ports ports, List<String> arguments, Optional<String> token) {
        var output = new RecentLines();
        return new ConsulAgent(node, ports, token, output, new ProcessBackend(binary, node, ports, arguments, output));
    }

    /** {@code consul agent -client 0.0.0.0} in a container of {@code image}, HTTP on a free host port. */
    static ConsulAgent container(String image, String node, List<String> arguments, Optional<String> token) {
        var output = new RecentLines();
        var ports = Ports.publishedHttp(FreePorts.take(1).getFirst());
        return new ConsulAgent(node, ports, token, output,
                new ContainerBackend(image, node, ports.http(), arguments, output));
    }

    /** {@code <host>:<http port>}, as the {@code consul} key takes it; the same for the agent's whole life. */
    public String httpAddress() {
        return backend.host() + ":" + ports.http();
    }

    public Ports ports() {
        return ports;
    }

    public String node() {
        return node;
    }

    /** The API, with the agent's master token when it has ACLs. */
    public ConsulApi api() {
        return new ConsulApi("http://" + httpAddress(), token);
    }

    /**
     * Starts the agent and returns once it has a leader and answers; fails with its output otherwise. Says how it
     * runs on stderr (in the test's report), which the scripts sum up as the paths the fixture took.
     */
    public synchronized void start() {
        System.err.println("Consul fixture: " + node + " runs as " + backend.kind());
        launch();
        Readiness.await(this, api(), READY_TIMEOUT);
    }

    /** Starts the agent without waiting: members of a cluster only elect a leader once all are up. */
    synchronized void launch() {
        backend.start();
    }

    /** Kills the agent and waits until it is gone. Its address then refuses connections. */
    public synchronized void stop() {
        backend.stop();
    }

    /** Stop, empty the data directory, start on the same address: Consul comes back without our services. */
    public synchronized void restart() {
        stop();
        backend.discardState();
        start();
    }

    boolean running() {
        return backend.running();
    }

    /** The agent's last lines of output, for failure messages. */
    public String recentOutput() {
        return output.text();
    }

    @Override
    public synchronized void close() {
        backend.close();
    }

    @Override
    public String toString() {
        return "Consul " + node + " at " + httpAddress() + " (" + backend + ")";
    }
}
