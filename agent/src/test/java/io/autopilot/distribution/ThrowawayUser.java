package io.autopilot.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A system user made for one test and removed after it (root only). It is in no group but its own and its home does
 * not exist, so it can write only where anyone may, and every file it owns afterwards is one its commands made.
 */
final class ThrowawayUser implements AutoCloseable {
    private final String name;

    private ThrowawayUser(String name) {
        this.name = name;
    }

    /** A new user whose home is {@code home}, a path that does not exist. */
    static ThrowawayUser create(Path home) throws IOException, InterruptedException {
        String name = "autopilot-test-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
        run(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", home.toString(),
                "--shell", "/usr/sbin/nologin", name));
        return new ThrowawayUser(name);
    }

    String name() {
        return name;
    }

    /** {@code command} run as this user, with the caller's environment but for HOME, SHELL, USER and LOGNAME. */
    List<String> asUser(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", name, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The files and folders this user owns below {@code roots}, staying on each root's file system. */
    List<String> filesOwnedBelow(List<Path> roots) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("find"));
        roots.forEach(root -> command.add(root.toString()));
        command.addAll(List.of("-xdev", "-user", name, "-print"));
        // Other programs' files may vanish during the walk; find then complains on stderr, which says nothing here.
        Process find = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String found = new String(find.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!find.waitFor(60, TimeUnit.SECONDS)) {
            find.destroyForcibly();
            throw new IOException("find did not finish within 60 s: " + command);
        }
        return found.lines().toList();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("userdel", name));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(command + " failed: " + output);
        }
    }
}
