package io.autopilot.testing.consul;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.PortBinding;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code consul agent -dev -client 0.0.0.0} in a container, its HTTP port 8500 published on a host port chosen up
 * front, so the agent's address stays the same for its whole life: clients under test are configured with a fixed
 * {@code host:port} and must find Consul there again after {@link #stop()}/{@link #start()} and after a fresh
 * container replaced a discarded one. {@link #stop()} kills the container but keeps it, so {@link #start()} starts the
 * same container with its data directory ({@code /consul/data}) as it was; {@link #discardState()} removes it, and
 * the next start creates a new one. Only HTTP is published, and only on 127.0.0.1: serf and server RPC stay inside the
 * container, and the host reaches it through that port alone, never through the container's or a bridge's address.
 * The port is chosen up front rather than left to Docker, because Docker picks a new one each time a container starts.
 * The daemon must be local (a {@code DOCKER_HOST} socket, or TCP on this machine): a remote one would publish on
 * another machine's loopback.
 */
final class ContainerBackend implements ConsulBackend {
    static final int HTTP = 8500;

    private final DockerImageName image;
    private final String node;
    private final List<String> command;
    private final int hostPort;
    private final RecentLines output;
    private GenericContainer<?> container;
    private Closeable logs;

    ContainerBackend(String image, String node, int hostPort, List<String> extraArguments, RecentLines output) {
        this.image = DockerImageName.parse(image);
        this.node = node;
        this.hostPort = hostPort;
        this.output = output;
        List<String> argv = new ArrayList<>(List.of("agent", "-client", "0.0.0.0", "-node", node));
        argv.addAll(extraArguments);
        this.command = List.copyOf(argv);
        String dockerHost = DockerClientFactory.instance().dockerHostIpAddress();
        if (!isLoopback(dockerHost)) {
            throw new IllegalStateException("the Docker daemon is at " + dockerHost + ", not on this machine: the"
                    + " tests publish Consul on 127.0.0.1 only (TESTCONTAINERS_HOST_OVERRIDE=localhost for a local"
                    + " daemon that Testcontainers takes for a remote one)");
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public String kind() {
        return "a container of " + image.asCanonicalNameString();
    }

    @Override
    public synchronized void start() {
        if (container == null) {
            create();
            return;
        }
        if (container.isRunning()) {
            throw new IllegalStateException(node + " is already running");
        }
        DockerClient docker = container.getDockerClient();
        int since = (int) (System.currentTimeMillis() / 1000);
        docker.startContainerCmd(container.getContainerId()).exec();
        logs = docker.logContainerCmd(container.getContainerId()).withStdOut(true).withStdErr(true)
                .withFollowStream(true).withSince(since).exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        remember(OutputFrame.forFrame(frame));
                    }
                });
    }

    /** A new container, started and waited for until it has a leader; removed again if it never gets one. */
    private void create() {
        GenericContainer<?> fresh = new GenericContainer<>(image)
                .withCommand(command.toArray(String[]::new))
                .withExposedPorts(HTTP)
                .withCreateContainerCmdModifier(create -> {
                    var hostConfig = create.getHostConfig();
                    if (hostConfig == null) {
                        throw new IllegalStateException("Testcontainers gave " + node + " no host config");
                    }
                    hostConfig.withPortBindings(new PortBinding(
                            com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort("127.0.0.1", hostPort),
                            ExposedPort.tcp(HTTP)));
                })
                .withLogConsumer(this::remember)
                .waitingFor(Wait.forHttp("/v1/status/leader").forPort(HTTP).forStatusCode(200)
                        .forResponsePredicate(leader -> leader.strip().length() > 2)
                        .withStartupTimeout(ConsulAgent.READY_TIMEOUT));
        try {
            fresh.start();
        } catch (RuntimeException e) {
            fresh.stop();
            throw new IllegalStateException(node + " in " + image + " did not start: " + e + "\n" + output.text(), e);
        }
        container = fresh;
    }

    private void remember(OutputFrame frame) {
        if (frame.getType() != OutputFrame.OutputType.END) {
            output.acceptChunk(frame.getUtf8StringWithoutLineEnding());
        }
    }

    /** SIGKILL, as the process backend does, and waits until Docker reports the container exited. */
    @Override
    public synchronized void stop() {
        if (container == null || !container.isRunning()) {
            return;
        }
        DockerClient docker = container.getDockerClient();
        docker.killContainerCmd(container.getContainerId()).exec();
        docker.waitContainerCmd(container.getContainerId()).start()
                .awaitStatusCode(ConsulAgent.READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        closeLogs();
    }

    @Override
    public synchronized void discardState() {
        if (container != null) {
            closeLogs();
            container.stop();
            container = null;
        }
    }

    @Override
    public synchronized boolean running() {
        return container != null && container.isRunning();
    }

    @Override
    public void close() {
        discardState();
    }

    private void closeLogs() {
        if (logs != null) {
            try {
                logs.close();
            } catch (IOException ignored) {
                // the stream ends with the container anyway
            } finally {
                logs = null;
            }
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return container == null ? image.asCanonicalNameString()
                : image.asCanonicalNameString() + " container " + container.getContainerId();
    }
}
