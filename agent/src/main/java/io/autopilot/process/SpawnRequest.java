package io.autopilot.process;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to start: the exact argv (no shell; wrap in {@code sh -c} to get one), the child's whole environment, an
 * optional working directory, where stdout and stderr go, where stdin comes from ({@code /dev/null} unless asked, as
 * in ContainerPilot), what becomes of the processes the child leaves behind in its group when it exits, and who it
 * runs as (the agent's own user unless an {@link Identity} is given).
 *
 * <p>A program name without a slash is searched in the <em>agent's</em> {@code PATH}, not in {@code environment}:
 * that is what glibc's {@code posix_spawnp} does, and it matches ContainerPilot, whose Go {@code exec.Command} also
 * resolves the name through the supervisor's own {@code PATH}. A relative name with a slash is resolved against the
 * working directory, because the child changes directory before it executes the program.
 */
public record SpawnRequest(List<String> argv, Map<String, String> environment, Optional<Path> workingDirectory,
                           Output stdout, Output stderr, Input stdin, Leftovers leftovers,
                           Optional<Identity> identity) {

    public SpawnRequest {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.getFirst().isEmpty()) throw new IllegalArgumentException("argv needs a program");
        argv.forEach(SpawnRequest::requireNoNul);
        environment = copyEnvironment(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        workingDirectory.ifPresent(dir -> requireNoNul(dir.toString()));
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(leftovers, "leftovers");
        Objects.requireNonNull(identity, "identity");
    }

    /** As the agent's own user. */
    public SpawnRequest(List<String> argv, Map<String, String> environment, Optional<Path> workingDirectory,
                        Output stdout, Output stderr, Input stdin, Leftovers leftovers) {
        this(argv, environment, workingDirectory, stdout, stderr, stdin, leftovers, Optional.empty());
    }

    /** stdin from {@code /dev/null}; what the child leaves behind keeps running. */
    public SpawnRequest(List<String> argv, Map<String, String> environment, Optional<Path> workingDirectory,
                        Output stdout, Output stderr) {
        this(argv, environment, workingDirectory, stdout, stderr, Input.NULL_DEVICE, Leftovers.KEEP);
    }

    /** Inherits the agent's stdout and stderr and its working directory. */
    public static SpawnRequest of(List<String> argv, Map<String, String> environment) {
        return new SpawnRequest(argv, environment, Optional.empty(), Output.inherit(), Output.inherit());
    }

    public SpawnRequest withWorkingDirectory(Path directory) {
        return new SpawnRequest(argv, environment, Optional.of(directory), stdout, stderr, stdin, leftovers, identity);
    }

    public SpawnRequest withStdout(Output output) {
        return new SpawnRequest(argv, environment, workingDirectory, output, stderr, stdin, leftovers, identity);
    }

    public SpawnRequest withStderr(Output output) {
        return new SpawnRequest(argv, environment, workingDirectory, stdout, output, stdin, leftovers, identity);
    }

    public SpawnRequest withStdin(Input input) {
        return new SpawnRequest(argv, environment, workingDirectory, stdout, stderr, input, leftovers, identity);
    }

    public SpawnRequest withLeftovers(Leftovers policy) {
        return new SpawnRequest(argv, environment, workingDirectory, stdout, stderr, stdin, policy, identity);
    }

    /** The same request, run as {@code user}. */
    public SpawnRequest withIdentity(Identity user) {
        return new SpawnRequest(argv, environment, workingDirectory, stdout, stderr, stdin, leftovers,
                Optional.of(user));
    }

    /** The program as the user named it, for messages. */
    public String program() {
        return argv.getFirst();
    }

    private static Map<String, String> copyEnvironment(Map<String, String> environment) {
        var copy = new LinkedHashMap<String, String>();
        environment.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name: '" + name + "'");
            }
            requireNoNul(name);
            requireNoNul(value);
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    // C strings end at the first NUL: a NUL inside would silently cut the argument.
    private static void requireNoNul(String s) {
        if (s.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL character in: " + s.replace('\0', '?'));
    }
}
