package io.autopilot.faults;

import io.autopilot.scenarios.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What a fault case measures, printed as {@code fault: <case>: <figures>} lines (docs/reliability.md collects them),
 * and the readings of the agent's process they are made of. Figures are printed, never asserted against a time.
 */
final class Figures {
    private Figures() {
    }

    static void report(String faultCase, String format, Object... args) {
        System.out.println("fault: " + faultCase + ": " + String.format(Locale.ROOT, format, args));
    }

    /** How many rounds a case runs: its bounded default, or {@code -D<property>=N} for the longer form by hand. */
    static int rounds(String property, int bounded) {
        return Integer.getInteger(property, bounded);
    }

    /** The process's resident memory ({@code VmRSS}), in KiB. */
    static long residentKib(long pid) {
        String value = ProcessTable.statusField(pid, "VmRSS").orElseThrow(() -> new AssertionError(
                "process " + pid + " is gone"));
        return Long.parseLong(value.replace("kB", "").strip());
    }

    /** How many of the process's file descriptors are sockets. */
    static long sockets(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while we looked
                }
            }).count();
        } catch (IOException e) {
            throw new AssertionError("cannot list the descriptors of " + pid, e);
        }
    }

    static String mib(long kib) {
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }
}
