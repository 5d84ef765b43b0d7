package io.autopilot.core;

import io.autopilot.testing.Eventually;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The packaged agent ({@code target/autopilot/bin/autopilot}) run as a child of the test, not as PID 1 (the scenario
 * tests do that): its output lines are collected as they come, both streams in one list.
 */
final class PackagedAgent {
    static final long TIMEOUT_SECONDS = 30;
    /** {@code bin/autopilot} of the distribution failsafe names in {@code autopilot.dist}. */
    static final Path LAUNCHER = Path.of(System.getProperty("autopilot.dist", "target/autopilot"), "bin", "autopilot");

    final Process process;
    final List<String> lines = new CopyOnWriteArrayList<>();

    private PackagedAgent(Process process) {
        this.process = process;
        Thread.ofPlatform().daemon().start(this::collect);
    }

    static PackagedAgent start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** Starts the agent with {@code environment} added to the test's own. */
    static PackagedAgent start(Map<String, String> environment, String... args) throws IOException {
        return startThrough(List.of(), environment, args);
    }

    /** Starts the agent through {@code wrapper}, a command that ends by running its arguments (in a cgroup, say). */
    static PackagedAgent startThrough(List<String> wrapper, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new PackagedAgent(builder.start());
    }

    /** How a client command of the packaged agent exited, and what it printed on both streams. */
    record ClientRun(int code, String out) {
    }

    /** Runs a client command against the agent of {@code config}, with {@code environment} added to the test's own. */
    static ClientRun client(Path config, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "-config", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the client did not exit: " + out);
        }
        return new ClientRun(process.exitValue(), out);
    }

    int exitCode() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the agent did not exit within " + TIMEOUT_SECONDS + " s; output: " + lines);
        }
        return process.exitValue();
    }

    /** Sends SIGTERM. {@code Process.destroy()} would also close our end of its output, losing the last lines. */
    void terminate() {
        process.toHandle().destroy();
    }

    /** Waits until a line containing {@code text} has been printed. */
    void awaitLine(String text) {
        Eventually.until(() -> lines.stream().anyMatch(line -> line.contains(text)),
                () -> "a line with \"" + text + "\" in " + lines);
    }

    private void collect() {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("(output lost: " + e + ")");
        }
    }
}
