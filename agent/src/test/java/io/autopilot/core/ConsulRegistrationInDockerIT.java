package io.autopilot.core;

import io.autopilot.testing.consul.RealConsul;
import io.autopilot.testing.docker.ContainerTest;

/**
 * {@link ConsulRegistrationIT} against Consul in a Docker container (the fixture's Testcontainers path), published
 * on 127.0.0.1: the packaged agent registers and deregisters there as it does with the binary.
 */
@ContainerTest
@RealConsul(RealConsul.Where.DOCKER)
class ConsulRegistrationInDockerIT extends ConsulRegistrationIT {
}
