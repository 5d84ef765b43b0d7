package io.autopilot.testing.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One docker-compose project of an example, under a name of its own (so it never meets another run's containers),
 * with the example's own environment variables: the base images come from the environment the scripts export
 * (NODE_IMAGE, ...), else the files' upstream defaults. Compose creates the project's network; {@link #close()}
 * takes everything down again ({@code down -v --remove-orphans}) and removes the images a build replaced.
 */
public final class Compose implements AutoCloseable {
    private final HostCommand command;
    private final String project;
    private final Duration stopTimeout;
    private final Map<String, Optional<String>> imagesBefore = new HashMap<>();

    /**
     * The compose file in {@code example}; {@code variables} are set for it (an empty value publishes on a free
     * port where the file says {@code ${PORT-default}}), {@code stopTimeout} bounds each container's stop on close.
     */
    public Compose(Path example, String project, Map<String, String> variables, Duration stopTimeout) {
        Map<String, String> environment = new HashMap<>(variables);
        environment.put("COMPOSE_PROJECT_NAME", project);
        environment.putIfAbsent("COMPOSE_FILE", null); // the example's docker-compose.yml, unless a test says more
        this.command = new HostCommand(example, Docker.client().environment()).with(environment);
        this.project = project;
        this.stopTimeout = stopTimeout;
    }

    public String project() {
        return project;
    }

    public HostCommand.Result run(Duration timeout, String... arguments) {
        List<String> argv = new ArrayList<>(List.of("docker-compose"));
        argv.addAll(List.of(arguments));
        return command.run(timeout, argv);
    }

    /** {@code docker-compose ARGS}, which must succeed; its output. */
    public String ok(Duration timeout, String... arguments) {
        return run(timeout, arguments).orFail();
    }

    /** Builds the services that have a build section, noting the images they replace. */
    public void build(String... images) {
        for (String image : images) {
            imagesBefore.putIfAbsent(image, Docker.imageId(image));
        }
        ok(Duration.ofMinutes(15), "build");
    }

    /** The ids of the service's containers, oldest first. */
    public List<String> containers(String service) {
        List<String> ids = ok(Docker.CALL, "ps", "-q", service).lines().filter(line -> !line.isBlank()).toList();
        if (ids.isEmpty()) {
            return ids;
        }
        List<String> arguments = new ArrayList<>(List.of("inspect", "--format", "{{.Created}} {{.Id}}"));
        arguments.addAll(ids);
        return Docker.dockerOk(arguments.toArray(String[]::new)).lines().sorted()
                .map(line -> line.substring(line.indexOf(' ') + 1)).toList();
    }

    /** The host port on 127.0.0.1 where the service's first container publishes {@code port}. */
    public int port(String service, int port) {
        String mapping = ok(Docker.CALL, "port", service, Integer.toString(port)).strip();
        return Docker.loopbackPort(mapping);
    }

    /** The project's last log lines, for failure messages. */
    public String logs(int lines) {
        HostCommand.Result logs = run(Docker.CALL, "logs", "--no-color", "--tail=" + lines);
        return logs.out() + logs.err();
    }

    @Override
    public void close() {
        HostCommand.Result down = run(stopTimeout.multipliedBy(2).plusMinutes(2), "down", "-v", "--remove-orphans",
                "-t", Long.toString(stopTimeout.toSeconds()));
        imagesBefore.forEach(Docker::removeReplaced);
        down.orFail();
    }
}
