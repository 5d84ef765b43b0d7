package io.autopilot.testing.consul;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.testcontainers.DockerClientFactory;

/**
 * Where this JVM's test agents come from, chosen once: the Consul binary if there is one (fast, no daemon needed),
 * else {@value #IMAGE} in Docker through Testcontainers if a Docker daemon answers, else nowhere, and the tests that
 * need Consul are skipped saying why for both.
 */
sealed interface ConsulSource {
    /** The official image of the Consul version the binary lookup provides (Debian bullseye's 1.8.7). */
    String IMAGE = "hashicorp/consul:1.8.7";

    /** Whether a Docker daemon can be used, or why not. */
    record DockerDaemon(boolean available, String whyNot) {
        static DockerDaemon probe() {
            try {
                return DockerClientFactory.instance().isDockerAvailable() ? new DockerDaemon(true, "")
                        : new DockerDaemon(false, "Testcontainers found no Docker daemon");
            } catch (RuntimeException e) {
                return new DockerDaemon(false, "Testcontainers could not ask Docker: " + e);
            }
        }
    }

    /** Agents are {@code consul} processes on loopback. */
    record Binary(Path path) implements ConsulSource {
    }

    /** Agents are containers of {@code image}. */
    record Container(String image) implements ConsulSource {
    }

    /** No agents here, and why. */
    record Unavailable(String why) implements ConsulSource {
    }

    /** The binary first; Docker is only asked when there is none. */
    static ConsulSource choose(Supplier<ConsulBinary.Lookup> binary, Supplier<DockerDaemon> docker) {
        ConsulBinary.Lookup lookup = binary.get();
        if (lookup.binary().isPresent()) {
            return new Binary(lookup.binary().get());
        }
        DockerDaemon daemon = docker.get();
        if (daemon.available()) {
            return new Container(IMAGE);
        }
        return new Unavailable("no Consul binary (" + lookup.whyNot() + ") and no Docker for " + IMAGE + " ("
                + daemon.whyNot() + ")");
    }

    /** A new {@code consul agent -dev} with these extra arguments, not started yet. */
    default ConsulAgent devAgent(String node, List<String> arguments, Optional<String> token) {
        return switch (this) {
            case Binary(Path path) -> ConsulAgent.process(path, node, ConsulAgent.Ports.free(), arguments, token);
            case Container(String image) -> ConsulAgent.container(image, node, arguments, token);
            case Unavailable(String why) -> throw new IllegalStateException(why);
        };
    }
}
