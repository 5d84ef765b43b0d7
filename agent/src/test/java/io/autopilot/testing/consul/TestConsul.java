package io.autopilot.testing.consul;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts real Consul agents for tests. Each call starts new processes on new free loopback ports; the caller closes
 * them. Where no Consul binary can be had, the calling test is skipped with the reason.
 */
public final class TestConsul {
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

    /** Three servers that find each other over serf on loopback and elect a leader; see {@link ConsulCluster}. */
    public static ConsulCluster cluster() {
        return ConsulCluster.start(binary(), 3);
    }

    private static ConsulAgent startDev(List<String> extra, Optional<String> token) {
        List<String> arguments = new java.util.ArrayList<>(List.of("-dev"));
        arguments.addAll(extra);
        var agent = new ConsulAgent(binary(), nodeName("dev"), ConsulAgent.Ports.free(), arguments, token);
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

    static Path binary() {
        var lookup = ConsulBinary.find();
        Assumptions.assumeTrue(lookup.binary().isPresent(), () -> "no real Consul for this test: " + lookup.whyNot()
                + " (and the fixture does not start Consul in Docker)");
        return lookup.binary().orElseThrow();
    }
}
