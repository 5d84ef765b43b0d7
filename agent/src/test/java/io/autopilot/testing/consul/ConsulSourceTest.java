package io.autopilot.testing.consul;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ConsulSourceTest {
    private static final Path BINARY = Path.of("/opt/consul/bin/consul");
    private static final ConsulBinary.Lookup FOUND = new ConsulBinary.Lookup(Optional.of(BINARY), "");
    private static final ConsulBinary.Lookup MISSING =
            new ConsulBinary.Lookup(Optional.empty(), "install-consul.sh found no Consul");
    private static final Supplier<ConsulSource.DockerDaemon> DOCKER_UP =
            () -> new ConsulSource.DockerDaemon(true, "");
    private static final Supplier<ConsulSource.DockerDaemon> DOCKER_DOWN =
            () -> new ConsulSource.DockerDaemon(false, "no daemon at /var/run/docker.sock");

    @Test
    void aBinaryWinsAndDockerIsNotAsked() {
        Supplier<ConsulSource.DockerDaemon> mustNotAsk = () -> {
            throw new AssertionError("Docker asked although there is a binary");
        };

        assertThat(ConsulSource.choose(() -> FOUND, mustNotAsk, ConsulSource.IMAGE)).isEqualTo(new ConsulSource.Binary(BINARY));
    }

    @Test
    void withoutABinaryConsulRunsInDocker() {
        assertThat(ConsulSource.choose(() -> MISSING, DOCKER_UP, ConsulSource.IMAGE))
                .isEqualTo(new ConsulSource.Container("hashicorp/consul:1.8.7"));
    }

    @Test
    void anImageNamedInTheEnvironmentIsTheOneContainersRun() {
        assertThat(ConsulSource.choose(() -> MISSING, DOCKER_UP, "autopilot-local/consul"))
                .isEqualTo(new ConsulSource.Container("autopilot-local/consul"));
    }

    @Test
    void dockerAskedForWithoutADaemonSaysWhy() {
        assertThat(ConsulSource.docker(DOCKER_DOWN, ConsulSource.IMAGE, ""))
                .isInstanceOfSatisfying(ConsulSource.Unavailable.class, none -> assertThat(none.why())
                        .contains("no daemon at /var/run/docker.sock", "hashicorp/consul:1.8.7"));
    }

    @Test
    void withNeitherTheReasonNamesBoth() {
        assertThat(ConsulSource.choose(() -> MISSING, DOCKER_DOWN, ConsulSource.IMAGE))
                .isInstanceOfSatisfying(ConsulSource.Unavailable.class, none -> assertThat(none.why())
                        .contains("install-consul.sh found no Consul", "no daemon at /var/run/docker.sock",
                                "hashicorp/consul:1.8.7"));
    }
}
