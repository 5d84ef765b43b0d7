package io.autopilot.testing.docker;

import io.autopilot.process.Child;
import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.ExitStatus;
import io.autopilot.process.Leftovers;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.autopilot.process.Spawner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A program run on the host ({@code docker}, {@code docker-compose}, {@code shellcheck}) in a folder, with this JVM's
 * environment changed by {@code environment} (a {@code null} value removes the variable), its output collected. It
 * is spawned through the agent's own spawner, never {@code ProcessBuilder}: a test JVM that also runs Consul or the
 * agent's code has our reaper, which would take the exit statuses the JDK's process API waits for.
 */
public record HostCommand(Path directory, Map<String, String> environment) {
    private static final int SIGKILL = 9;

    /** What the program did: its exit code (128 + signal if one killed it) and its output, a line per line. */
    public record Result(List<String> command, int code, String out, String err) {
        public boolean ok() {
            return code == 0;
        }

        /** The output, or an {@link AssertionError} with all of it if the program failed. */
        public String orFail() {
            if (code != 0) {
                throw new AssertionError(this.toString());
            }
            return out;
        }

        @Override
        public String toString() {
            return String.join(" ", command) + ": exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    public HostCommand {
        environment = new HashMap<>(environment);
    }

    public static HostCommand in(Path directory) {
        return new HostCommand(directory, Map.of());
    }

    /** The same folder, with more changes to the environment. */
    public HostCommand with(Map<String, String> changes) {
        Map<String, String> merged = new HashMap<>(environment);
        merged.putAll(changes);
        return new HostCommand(directory, merged);
    }

    public Result run(Duration timeout, String... command) {
        return run(timeout, List.of(command));
    }

    /** Runs {@code command}; if it has not finished within {@code timeout}, kills it and fails with its output. */
    public Result run(Duration timeout, List<String> command) {
        Map<String, String> env = new HashMap<>(ChildEnvironment.fromAgent());
        environment.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        var out = new StringBuilder();
        var err = new StringBuilder();
        var request = SpawnRequest.of(command, env).withWorkingDirectory(directory)
                .withStdout(Output.lines(line -> append(out, line))).withStderr(Output.lines(line -> append(err, line)))
                .withLeftovers(Leftovers.KILL);
        SpawnResult spawned = Spawner.system().spawn(request);
        if (!(spawned instanceof SpawnResult.Started(Child child))) {
            SpawnResult.Failed failed = (SpawnResult.Failed) spawned;
            return new Result(command, failed.status().containerExitCode(), "", failed.message() + "\n");
        }
        ExitStatus status;
        try {
            status = child.exit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            child.signal(SIGKILL);
            child.exit().join();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                    + "\n--- stdout\n" + text(out) + "--- stderr\n" + text(err));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.signal(SIGKILL);
            throw new IllegalStateException("interrupted while running " + command, e);
        }
        return new Result(List.copyOf(new ArrayList<>(command)), status.containerExitCode(), text(out), text(err));
    }

    private static void append(StringBuilder to, String line) {
        synchronized (to) {
            to.append(line).append('\n');
        }
    }

    private static String text(StringBuilder of) {
        synchronized (of) {
            return of.toString();
        }
    }
}
