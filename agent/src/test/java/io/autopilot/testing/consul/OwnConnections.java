package io.autopilot.testing.consul;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP connections this JVM holds open to a port, as Linux reports them: the sockets among this process's open
 * files ({@code /proc/self/fd}) that {@code /proc/net/tcp} and {@code tcp6} list as established to that remote port.
 * What the client under test really opened, whatever its pools say.
 */
public final class OwnConnections {
    private static final String ESTABLISHED = "01";

    private OwnConnections() {
    }

    /** How many connections this JVM has established to {@code port} on any address. */
    public static int to(int port) {
        Set<String> ownSockets = ownSocketInodes();
        String remotePort = String.format(Locale.ROOT, ":%04X", port);
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : lines(table)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && fields[2].endsWith(remotePort) && fields[3].equals(ESTABLISHED)
                        && ownSockets.contains(fields[9])) {
                    count++;
                }
            }
        }
        return count;
    }

    private static Set<String> ownSocketInodes() {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed since it was listed: not open, so not counted
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return inodes;
    }

    private static List<String> lines(String table) {
        try {
            return Files.readAllLines(Path.of(table)).stream().skip(1).toList();
        } catch (IOException e) {
            return List.of(); // no IPv6 in this kernel
        }
    }
}
