package io.autopilot.faults;

import io.autopilot.scenarios.ProcessTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Readings of the agent's process that the fault cases' figures are made of ({@link FaultRuns#report} prints them).
 */
final class Figures {
    private Figures() {
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
