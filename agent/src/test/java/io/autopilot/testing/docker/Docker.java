package io.autopilot.testing.docker;

import io.autopilot.testing.Repository;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The host's {@code docker} client, talking to the local daemon. The host reaches containers only through ports they
 * publish on 127.0.0.1 ({@link #publishedPort}), never through a container's or a bridge's address. Builds use the
 * repository root as context (its {@code .dockerignore} sends only what images copy) and the classic builder where
 * the client has no buildx.
 */
public final class Docker {
    /** The default bound of one client call; builds and stops say their own. */
    public static final Duration CALL = Duration.ofSeconds(60);

    private static final Path ROOT = Repository.root();
    private static volatile HostCommand client;

    private Docker() {
    }

    /** Commands run in the repository root, with the builder chosen once. */
    public static HostCommand client() {
        HostCommand found = client;
        if (found == null) {
            boolean buildx = HostCommand.in(ROOT).run(CALL, "docker", "buildx", "version").ok();
            // BuildKit reads each Dockerfile's own .dockerignore; docker-compose 1.29 uses it only when told to.
            found = HostCommand.in(ROOT).with(buildx
                    ? Map.of("DOCKER_BUILDKIT", "1", "COMPOSE_DOCKER_CLI_BUILD", "1")
                    : Map.of("DOCKER_BUILDKIT", "0"));
            client = found;
        }
        return found;
    }

    /** Why no daemon can be used, as {@code docker info} said it, or empty when one answers. */
    public static Optional<String> unavailable() {
        HostCommand.Result info = HostCommand.in(ROOT).run(CALL, "docker", "info", "--format", "{{.ServerVersion}}");
        if (info.ok() && !info.out().isBlank()) {
            return Optional.empty();
        }
        String said = (info.err() + info.out()).strip();
        return Optional.of("docker info exited with " + info.code() + ": "
                + (said.isEmpty() ? "(no output)" : said.lines().findFirst().orElseThrow()));
    }

    public static HostCommand.Result docker(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        return client().run(timeout, command);
    }

    /** {@code docker ARGS}, which must succeed: its output, stripped. */
    public static String dockerOk(String... arguments) {
        return docker(CALL, arguments).orFail().strip();
    }

    /** The image's id, or empty when there is no such image. */
    public static Optional<String> imageId(String image) {
        HostCommand.Result inspect = docker(CALL, "image", "inspect", "--format", "{{.Id}}", image);
        return inspect.ok() ? Optional.of(inspect.out().strip()) : Optional.empty();
    }

    /** Removes {@code oldId} if {@code image} is now another one: a rebuild does not leave the old image behind. */
    public static void removeReplaced(String image, Optional<String> oldId) {
        if (oldId.isPresent() && !oldId.equals(imageId(image))) {
            docker(CALL, "image", "rm", oldId.get()); // fails harmlessly while something else still uses it
        }
    }

    /**
     * Builds {@code dockerfile} (relative to the repository root, which is the context) as {@code tag} with these
     * build arguments, and removes the image it replaces.
     */
    public static void build(String tag, String dockerfile, Map<String, String> buildArgs) {
        Optional<String> old = imageId(tag);
        List<String> command = new ArrayList<>(List.of("docker", "build", "-q", "-f", dockerfile, "-t", tag));
        buildArgs.forEach((name, value) -> command.addAll(List.of("--build-arg", name + "=" + value)));
        command.add(".");
        client().run(Duration.ofMinutes(10), command).orFail();
        removeReplaced(tag, old);
    }

    /** The host port on 127.0.0.1 that {@code container} publishes its {@code port}/tcp on. */
    public static int publishedPort(String container, int port) {
        String mapping = dockerOk("port", container, port + "/tcp").lines().findFirst().orElseThrow();
        return loopbackPort(mapping);
    }

    /** The port of a {@code 127.0.0.1:PORT} mapping, which is the only kind the tests publish. */
    static int loopbackPort(String mapping) {
        if (!mapping.startsWith("127.0.0.1:")) {
            throw new AssertionError("published on " + mapping + ", not on 127.0.0.1 only");
        }
        return Integer.parseInt(mapping.substring("127.0.0.1:".length()).strip());
    }

    /** {@code docker inspect --format FORMAT container}. */
    public static String inspect(String container, String format) {
        return dockerOk("inspect", "--format", format, container);
    }

    /** The container's log (stdout and stderr), each line prefixed with the daemon's RFC 3339 timestamp. */
    public static List<String> timestampedLogs(String container) {
        HostCommand.Result logs = docker(CALL, "logs", "-t", container);
        List<String> lines = new ArrayList<>(logs.out().lines().toList());
        lines.addAll(logs.err().lines().toList());
        lines.sort(null); // the timestamps come first: stdout and stderr merged in the order the daemon saw them
        return lines;
    }

    /** {@code docker exec container COMMAND}: its result, whatever the exit code. */
    public static HostCommand.Result exec(String container, String... command) {
        List<String> arguments = new ArrayList<>(List.of("exec", container));
        arguments.addAll(List.of(command));
        return docker(CALL, arguments.toArray(String[]::new));
    }
}
