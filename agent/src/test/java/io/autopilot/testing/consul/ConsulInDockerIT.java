package io.autopilot.testing.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.docker.ContainerTest;
import io.autopilot.testing.docker.Docker;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fixture's Docker path, run for real wherever a daemon answers (elsewhere a Consul binary makes it unused): a
 * dev agent in a container through Testcontainers keeps the contract {@link ConsulAgent} gives the process: one
 * address on 127.0.0.1 for its whole life, services kept across stop and start, lost on restart, and nothing left
 * once closed.
 */
@ContainerTest
class ConsulInDockerIT {
    @Test
    void aContainerAgentKeepsItsAddressAndServicesAcrossStopAndStartLosesThemOnRestartAndLeavesNothing() {
        Set<String> before = containersOf(ConsulSource.image());
        String address;
        try (ConsulAgent agent = TestConsul.devInDocker()) {
            address = agent.httpAddress();
            assertThat(address).startsWith("127.0.0.1:");
            assertThat(agent.toString()).contains("container", ConsulSource.image());
            agent.api().registerTtlService("kept", "kept", 1234, "passing");

            agent.stop();
            assertThatThrownBy(() -> agent.api().get("/v1/status/leader")).as("a stopped agent refuses connections")
                    .hasMessageContaining("did not answer");

            agent.start();
            assertThat(agent.httpAddress()).as("the same address after a start").isEqualTo(address);
            Eventually.until(() -> agent.api().agentService("kept").isPresent(), Duration.ofSeconds(10),
                    () -> "the service registered before the stop is back from the data directory");

            agent.restart();
            assertThat(agent.httpAddress()).as("the same address after a restart").isEqualTo(address);
            assertThat(agent.api().agentService("kept")).as("a restarted agent remembers nothing").isEmpty();
        }
        assertThat(containersOf(ConsulSource.image())).as("closing removed its containers").isEqualTo(before);
    }

    private static Set<String> containersOf(String image) {
        return Set.copyOf(Docker.dockerOk("ps", "-aq", "--filter", "ancestor=" + image).lines().toList());
    }
}
