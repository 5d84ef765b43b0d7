package io.autopilot.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The host name ContainerPilot put in service IDs ({@code <name>-<hostname>}): Go's {@code os.Hostname}, which reads
 * the kernel's (in a container, its ID unless {@code --hostname} is given). {@code InetAddress.getLocalHost} would ask
 * the resolver, which can stall startup on a container without DNS.
 */
public final class Hostname {
    private static final Path KERNEL = Path.of("/proc/sys/kernel/hostname");

    private Hostname() {
    }

    /** The kernel's host name, else {@code HOSTNAME}, else {@code localhost}. */
    public static String current(Map<String, String> environment) {
        try {
            String name = Files.readString(KERNEL).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | SecurityException e) {
            // Not Linux, or /proc is not mounted: fall through.
        }
        String fromEnvironment = environment.getOrDefault("HOSTNAME", "").strip();
        return fromEnvironment.isEmpty() ? "localhost" : fromEnvironment;
    }
}
