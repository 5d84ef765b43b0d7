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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code consul agent} as a child process, started through the agent's own spawner, on loopback ports chosen up
 * front, with a data directory of its own: killing the process keeps the directory, {@link #discardState()} empties
 * it.
 */
final class ProcessBackend implements ConsulBackend {
    private static final int SIGKILL = 9;

    private final Path binary;
    private final String node;
    private final List<String> argv;
    private final Path dataDir;
    private final RecentLines output;
    private Child process;

    ProcessBackend(Path binary, String node, ConsulAgent.Ports ports, List<String> extraArguments,
            RecentLines output) {
        this.binary = binary;
        this.node = node;
        this.output = output;
        try {
            this.dataDir = Files.createTempDirectory("consul-" + node + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(binary.toString(), "agent", "-node", node,
                "-bind", "127.0.0.1", "-client", "127.0.0.1", "-data-dir", dataDir.toString(),
                "-http-port", Integer.toString(ports.http()), "-dns-port", "-1", "-grpc-port", "-1",
                "-serf-lan-port", Integer.toString(ports.serfLan()),
                "-serf-wan-port", Integer.toString(ports.serfWan()),
                "-server-port", Integer.toString(ports.server())));
        command.addAll(extraArguments);
        this.argv = List.copyOf(command);
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public String kind() {
        return "a process of " + binary;
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            throw new IllegalStateException(node + " is already running");
        }
        Output lines = Output.lines(output);
        var request = SpawnRequest.of(argv, ChildEnvironment.fromAgent()).withStdout(lines).withStderr(lines);
        if (!(Spawner.system().spawn(request) instanceof SpawnResult.Started(var child))) {
            throw new IllegalStateException("cannot start " + binary);
        }
        process = child;
    }

    /** Kills the whole process group and waits until it is gone; its ports are then closed. */
    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.signal(SIGKILL);
        try {
            process.exit().get(ConsulAgent.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(node + " did not exit after SIGKILL", e);
        } finally {
            process = null;
        }
    }

    @Override
    public void discardState() {
        deleteData(false);
    }

    @Override
    public synchronized boolean running() {
        return process != null && !process.exit().isDone();
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
        return binary.toString();
    }
}
