package io.autopilot.testing.consul;

import io.autopilot.process.Child;
import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.autopilot.process.Spawner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * One Consul agent process on loopback, on ports chosen once: {@link #stop()} and {@link #start()} bring it back on
 * the same address, so a client under test sees the same Consul go away and return. Its data directory survives that,
 * and with it the services registered with it (Consul persists them there, even in dev mode); {@link #restart()}
 * empties it, so Consul comes back having lost every registration.
 */
public final class ConsulAgent implements AutoCloseable {
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final int OUTPUT_LINES_KEPT = 200;
    private static final int SIGKILL = 9;

    private final Path binary;
    private final String node;
    private final Ports ports;
    private final Path dataDir;
    private final List<String> extraArguments;
    private final Optional<String> token;
    private final Deque<String> output = new ConcurrentLinkedDeque<>();
    private Child process;

    /** The agent's ports, all on 127.0.0.1. */
    public record Ports(int http, int serfLan, int serfWan, int server) {
        static Ports free() {
            List<Integer> ports = FreePorts.take(4);
            return new Ports(ports.get(0), ports.get(1), ports.get(2), ports.get(3));
        }
    }

    ConsulAgent(Path binary, String node, Ports ports, List<String> extraArguments, Optional<String> token) {
        this.binary = binary;
        this.node = node;
        this.ports = ports;
        this.extraArguments = List.copyOf(extraArguments);
        this.token = token;
        try {
            this.dataDir = Files.createTempDirectory("consul-" + node + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:<http port>}, as the {@code consul} key takes it. */
    public String httpAddress() {
        return "127.0.0.1:" + ports.http();
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

    /** Starts the process and returns once it has a leader and answers; fails with its output otherwise. */
    public synchronized void start() {
        startProcess();
        Readiness.await(this, api(), READY_TIMEOUT);
    }

    /** Starts the process without waiting: members of a cluster only elect a leader once all are up. */
    synchronized void startProcess() {
        if (process != null) {
            throw new IllegalStateException(node + " is already running");
        }
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "agent", "-node", node,
                "-bind", "127.0.0.1", "-client", "127.0.0.1", "-data-dir", dataDir.toString(),
                "-http-port", Integer.toString(ports.http()), "-dns-port", "-1", "-grpc-port", "-1",
                "-serf-lan-port", Integer.toString(ports.serfLan()),
                "-serf-wan-port", Integer.toString(ports.serfWan()),
                "-server-port", Integer.toString(ports.server())));
        argv.addAll(extraArguments);
        Output lines = Output.lines(this::remember);
        var request = SpawnRequest.of(argv, ChildEnvironment.fromAgent()).withStdout(lines).withStderr(lines);
        if (!(Spawner.system().spawn(request) instanceof SpawnResult.Started(var child))) {
            throw new IllegalStateException("cannot start " + binary);
        }
        process = child;
    }

    /** Kills the agent (its whole process group) and waits until it is gone. Its ports are then closed. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.signal(SIGKILL);
        try {
            process.exit().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(node + " did not exit after SIGKILL", e);
        } finally {
            process = null;
        }
    }

    /** Stop, empty the data directory, start on the same ports: Consul comes back without our services. */
    public void restart() {
        stop();
        deleteData(false);
        start();
    }

    synchronized boolean running() {
        return process != null && !process.exit().isDone();
    }

    /** The agent's last lines of output, for failure messages. */
    public String recentOutput() {
        return String.join("\n", output);
    }

    private void remember(String line) {
        output.addLast(line);
        while (output.size() > OUTPUT_LINES_KEPT) {
            output.pollFirst();
        }
    }

    @Override
    public void close() {
        stop();
        deleteData(true);
    }

    private void deleteData(boolean directoryToo) {
        try (var files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).filter(path -> directoryToo || !path.equals(dataDir))
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty " + dataDir, e);
        }
    }

    @Override
    public String toString() {
        return "Consul " + node + " at " + httpAddress();
    }
}
