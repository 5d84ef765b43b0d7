package io.autopilot.testing.consul;

import io.autopilot.discovery.consul.ConsulSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts real Consul agents for tests; the caller closes them. Each call starts new agents on new addresses: processes
 * of the Consul binary on free loopback ports, or, where there is no binary but a Docker daemon, containers of
 * {@link ConsulSource#image()} (see {@link ConsulSource}). Where there is neither, the calling test is skipped with both
 * reasons.
 */
public final class TestConsul {
    /**
     * Client settings for tests: a short blocking wait and quick retries (5 s request timeout, 2 s wait, retries
     * from 50 ms up to 200 ms), so a test sees changes and recoveries at once.
     */
    public static final ConsulSettings FAST_CLIENT = new ConsulSettings(Duration.ofSeconds(5), Duration.ofSeconds(2),
            Duration.ofMillis(50), Duration.ofMillis(200));

    private static final AtomicInteger NODES = new AtomicInteger();

    private TestConsul() {
    }

    /** {@code consul agent -dev}: a single server, its state in memory, ready to use. */
    public static ConsulAgent dev() {
        return startDev(List.of(), Optional.empty());
    }

    /**
     * A dev agent with ACLs on and everything denied without a token; {@code masterToken} may do anything and is the
     * agent's own token too, so the node still syncs itself into the catalog.
     */
    public static ConsulAgent devWithAcls(String masterToken) {
        String acl = "acl { enabled = true default_policy = \"deny\" tokens { master = \"" + masterToken
                + "\" agent = \"" + masterToken + "\" } }";
        return startDev(List.of("-hcl", acl), Optional.of(masterToken));
    }

    /**
     * Three servers that find each other over serf on loopback and elect a leader; see {@link ConsulCluster}. Only
     * with the binary: in Docker they would need a network of their own and joins between containers, which this
     * fixture does not set up, so there the test is skipped.
     */
    public static ConsulCluster cluster() {
        ConsulSource source = source();
        if (source instanceof ConsulSource.Binary(var binary)) {
            return ConsulCluster.start(binary, 3);
        }
        return Assumptions.abort("a Consul cluster runs only from the Consul binary; this JVM has none and runs "
                + "Consul in Docker, where the fixture starts single dev agents only");
    }

    /**
     * A dev agent in a container whatever this JVM chose ({@link RealConsul.Where#DOCKER}): the Docker path of the
     * fixture, run for real wherever a daemon answers; skipped, saying why, where none does.
     */
    public static ConsulAgent devInDocker() {
        ConsulSource docker = InDocker.SOURCE;
        if (docker instanceof ConsulSource.Unavailable(var why)) {
            Assumptions.abort("no Consul in Docker for this test: " + why);
        }
        return startDev(docker, List.of(), Optional.empty());
    }

    private static ConsulAgent startDev(List<String> extra, Optional<String> token) {
        return startDev(source(), extra, token);
    }

    private static ConsulAgent startDev(ConsulSource source, List<String> extra, Optional<String> token) {
        List<String> arguments = new ArrayList<>(List.of("-dev"));
        arguments.addAll(extra);
        var agent = source.devAgent(nodeName("dev"), arguments, token);
        try {
            agent.start();
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    static String nodeName(String kind) {
        return "autopilot-test-" + kind + "-" + NODES.incrementAndGet();
    }

    /** This JVM's source of agents; the calling test is skipped when there is none. */
    static ConsulSource source() {
        ConsulSource source = Chosen.SOURCE;
        if (source instanceof ConsulSource.Unavailable(var why)) {
            Assumptions.abort("no real Consul for this test: " + why);
        }
        return source;
    }

    /** Chosen on first use, once per JVM: the lookups start a script or ask Docker. */
    private static final class Chosen {
        static final ConsulSource SOURCE =
                ConsulSource.choose(ConsulBinary::find, ConsulSource.DockerDaemon::probe, ConsulSource.image());

        private Chosen() {
        }
    }

    /** Asked on first use of {@link #devInDocker()}, once per JVM. */
    private static final class InDocker {
        static final ConsulSource SOURCE =
                ConsulSource.docker(ConsulSource.DockerDaemon::probe, ConsulSource.image(), "");

        private InDocker() {
        }
    }
}
