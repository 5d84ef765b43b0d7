package io.autopilot.testing.consul;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.testcontainers.DockerClientFactory;

/**
 * Where this JVM's test agents come from, chosen once: the Consul binary if there is one (fast, no daemon needed),
 * else a Consul image in Docker through Testcontainers if a Docker daemon answers, else nowhere, and the tests that
 * need Consul are skipped saying why for both. {@link RealConsul.Where#DOCKER} asks for Docker whatever the choice, so
 * that the Docker path runs wherever a daemon does.
 */
sealed interface ConsulSource {
    /** The official image of the Consul version the binary lookup provides (Debian bullseye's 1.8.7). */
    String IMAGE = "hashicorp/consul:1.8.7";

    /**
     * The image containers run: {@code $CONSUL_IMAGE} (the scripts export scripts/local-images.sh's stand-in, made of
     * the same Debian binary), else {@value #IMAGE}.
     */
    static String image() {
        String named = System.getenv("CONSUL_IMAGE");
        return named == null || named.isBlank() ? IMAGE : named;
    }

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

    /** The binary first; Docker, for containers of {@code image}, is only asked when there is none. */
    static ConsulSource choose(Supplier<ConsulBinary.Lookup> binary, Supplier<DockerDaemon> docker, String image) {
        ConsulBinary.Lookup lookup = binary.get();
        if (lookup.binary().isPresent()) {
            return new Binary(lookup.binary().get());
        }
        return docker(docker, image, "no Consul binary (" + lookup.whyNot() + ") and ");
    }

    /** Containers of {@code image} if a daemon answers, else nowhere, saying why after {@code whyFirst}. */
    static ConsulSource docker(Supplier<DockerDaemon> docker, String image, String whyFirst) {
        DockerDaemon daemon = docker.get();
        if (daemon.available()) {
            return new Container(image);
        }
        return new Unavailable(whyFirst + "no Docker for " + image + " (" + daemon.whyNot() + ")");
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
