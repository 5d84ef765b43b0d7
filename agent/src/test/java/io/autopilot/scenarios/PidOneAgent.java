package io.autopilot.scenarios;

import io.autopilot.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * The packaged agent running as PID 1 of fresh pid, mount and UTS namespaces: a container without an image.
 *
 * <p>It starts {@code unshare --pid --fork --mount-proc --uts sh -c 'mount tmpfs /run; exec autopilot …'}: the shell
 * gives the "container" its own {@code /run} (so the default control socket of one scenario never meets another's)
 * and then execs the launcher, which execs the JVM, so the JVM keeps the pid {@code unshare} forked: the inner
 * PID 1. {@code unshare} itself ignores TERM and INT while it waits, so every signal goes to that inner process by its
 * host pid. Output goes to files, readable while the agent runs. {@link #close()} always ends the namespace.
 */
public final class PidOneAgent implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process unshare;
    private final Path stdout;
    private final Path stderr;
    private final long pid;
    private final long startedNanos;
    private OptionalLong exitCode = OptionalLong.empty();
    private long exitedNanos;

    private PidOneAgent(Process unshare, Path stdout, Path stderr, long pid, long startedNanos) {
        this.unshare = unshare;
        this.stdout = stdout;
        this.stderr = stderr;
        this.pid = pid;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts the agent and returns once the inner PID 1 is the JVM (no longer the shell or the launcher that exec
     * it), so signals reach the agent and not a script that is about to be replaced; or once it has already exited.
     */
    static PidOneAgent start(Path dist, Path workDir, List<String> args, Map<String, String> environment) {
        return start(dist.resolve("bin/autopilot"), workDir, args, environment, PidOneAgent::isJvm, false);
    }

    /**
     * Starts the agent and returns as soon as the inner PID 1 satisfies {@code ready}, or once it has already exited.
     *
     * @param spin poll every few microseconds rather than every few milliseconds: for a state that lasts only
     *     milliseconds, such as the launcher script before it execs the JVM
     */
    public static PidOneAgent start(Path launcher, Path workDir, List<String> args, Map<String, String> environment,
            LongPredicate ready, boolean spin) {
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", "--uts",
                "/bin/sh", "-c", "mount -t tmpfs run /run && exec \"$0\" \"$@\"", launcher.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(workDir.resolve("stdout.log").toFile())
                .redirectError(workDir.resolve("stderr.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run unshare", e);
        }
        long[] found = {-1, -1}; // the inner pid once it is ready; the last inner pid seen
        BooleanSupplier isReady = () -> {
            OptionalLong inner = child(process.pid());
            if (inner.isPresent() && ready.test(inner.getAsLong())) {
                found[0] = inner.getAsLong();
                return true;
            }
            found[1] = inner.orElse(found[1]);
            // An agent that fails at once (a config error) may be gone between two looks: its exit code is all
            // there is to see, and it has no pid left to signal.
            return !process.isAlive();
        };
        try {
            if (spin) {
                Eventually.spinUntil(isReady, START_TIMEOUT, () -> "the agent to start");
            } else {
                Eventually.until(isReady, START_TIMEOUT, () -> "the agent's JVM to start");
            }
        } catch (AssertionError e) {
            process.destroyForcibly();
            String output = tail(workDir.resolve("stdout.log"), 20) + tail(workDir.resolve("stderr.log"), 20);
            throw new AssertionError("the agent's JVM did not start within " + START_TIMEOUT + "\n" + output, e);
        }
        return new PidOneAgent(process, workDir.resolve("stdout.log"), workDir.resolve("stderr.log"),
                found[0] > 0 ? found[0] : found[1], started);
    }

    /** The agent's pid on the host; its descendants are the processes of the "container". */
    public long pid() {
        return pid;
    }

    /**
     * Sends a signal to the agent. The init of a pid namespace receives a signal from outside only if it has a
     * handler for it (pid_namespaces(7)); otherwise the kernel drops it silently. So this first waits until the agent
     * has installed one, which also means the agent is ready for it.
     */
    void signal(Signal signal) {
        if (!isRunning()) {
            throw new AssertionError("cannot send " + signal + ": the agent is not running\n" + logTail());
        }
        if (signal != Signal.KILL) {
            await("PID 1 to handle " + signal + " (SigCgt), else the kernel drops it", Duration.ofSeconds(10),
                    () -> ProcessTable.catches(pid, signal.number()));
        }
        Signal.send(signal, pid);
    }

    /** Waits for the agent to exit and returns its exit code; fails with the log tail if it is still running. */
    int awaitExit(Duration timeout) {
        if (exitCode.isEmpty()) {
            try {
                if (!unshare.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new AssertionError("the agent did not exit within " + timeout + "\n" + logTail());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for the agent to exit", e);
            }
            exitedNanos = System.nanoTime();
            exitCode = OptionalLong.of(unshare.exitValue());
        }
        return (int) exitCode.getAsLong();
    }

    public boolean isRunning() {
        return unshare.isAlive() && pid > 0 && ProcessTable.isAlive(pid);
    }

    /** Time since {@code unshare} was started: the agent's whole life, as seen from outside. */
    Duration uptime() {
        return Duration.ofNanos((exitCode.isPresent() ? exitedNanos : System.nanoTime()) - startedNanos);
    }

    /** Polls {@code condition} until it holds; fails after {@code timeout}, or once the agent has exited, with the log tail. */
    public void await(String what, Duration timeout, BooleanSupplier condition) {
        Eventually.until(() -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!unshare.isAlive() && !condition.getAsBoolean()) {
                throw new AssertionError("the agent exited with " + unshare.exitValue() + " while waiting for " + what
                        + "\n" + logTail());
            }
            return false;
        }, timeout, () -> what + "\n" + logTail());
    }

    /**
     * Checks {@code condition} for all of {@code window} and fails as soon as it does not hold: for what must not
     * happen (a restart that is not due), which no single observation can prove.
     */
    void assertHoldsFor(String what, Duration window, BooleanSupplier condition) {
        Eventually.holdsFor(window, condition, () -> what + "\n" + logTail());
    }

    /** The agent's standard output so far (its log, unless the config sends it elsewhere). */
    String stdout() {
        return read(stdout);
    }

    List<String> stdoutLines() {
        return stdout().lines().toList();
    }

    String stderr() {
        return read(stderr);
    }

    public String logTail() {
        return "--- stdout (tail) ---\n" + tail(stdout, 40) + "--- stderr (tail) ---\n" + tail(stderr, 20)
                + "--- processes ---\n" + processes();
    }

    private String processes() {
        if (pid <= 0 || !ProcessTable.isAlive(pid)) {
            return "(the agent is not running)\n";
        }
        StringBuilder text = new StringBuilder(pid + " (the agent)\n");
        ProcessTable.read().descendantsOf(pid).stream().limit(30).forEach(e -> text.append(e).append('\n'));
        return text.toString();
    }

    /** Ends the namespace if it is still there: SIGKILL to its init kills every process in it. */
    @Override
    public void close() {
        if (unshare.isAlive()) {
            if (pid > 0 && ProcessTable.isAlive(pid)) {
                Signal.send(Signal.KILL, pid);
            }
            unshare.destroyForcibly();
            try {
                unshare.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static OptionalLong child(long parent) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(parent), "task"))) {
            return tasks.flatMap(task -> {
                try {
                    return Stream.of(Files.readString(task.resolve("children")).trim().split("\\s+"));
                } catch (IOException e) {
                    return Stream.empty();
                }
            }).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).findFirst();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Whether the process runs the launcher script, before it execs the JVM: {@code /bin/sh …/bin/autopilot …} (the
     * shell that execs it has the launcher's path further on, after {@code -c} and its script).
     */
    static boolean isLauncher(long pid) {
        try {
            String[] argv = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0");
            return argv.length > 1 && argv[1].endsWith("bin/autopilot") && !isJvm(pid);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isJvm(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "exe")).getFileName().toString()
                    .equals("java");
        } catch (IOException e) {
            return false;
        }
    }

    static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file, int lines) {
        List<String> all = read(file).lines().toList();
        StringBuilder text = new StringBuilder();
        all.subList(Math.max(0, all.size() - lines), all.size()).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }
}
