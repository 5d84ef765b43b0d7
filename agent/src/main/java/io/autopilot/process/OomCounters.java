package io.autopilot.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's counts of processes its OOM killer killed in the agent's memory cgroup and the cgroups below it:
 * cgroup v2's {@code memory.events} and cgroup v1's {@code memory.oom_control}, both {@code oom_kill}. A SIGKILL death
 * while a count rose is the OOM killer's work: it kills with SIGKILL and leaves no other trace a parent sees. The
 * cgroups below count too because v1 (and v2 mounted with {@code memory_localevents}) counts each cgroup alone, and a
 * job may put itself in a cgroup of its own inside the container's; one made after the reading counts from zero.
 *
 * <p>The files are found once, from {@code /proc/self/cgroup}; where the agent's cgroup path does not exist under the
 * mount (a container that sees its own cgroup as the mount's root), the mount's root is read. Where no file can be
 * read (no memory controller, no {@code /sys}), nothing counts and no death is put down to the OOM killer.
 */
public final class OomCounters {
    private static final String V2_FILE = "memory.events";
    private static final String V1_FILE = "memory.oom_control";
    private static final String KEY = "oom_kill ";
    /** The most cgroups one reading visits: a container has a handful; an agent run at a host's root stops here. */
    static final int MAX_CGROUPS = 256;

    private final Path proc;
    private final Path cgroupMount;
    /** The counter files of the agent's own cgroups, one per hierarchy; those below are found at every reading. */
    private volatile List<Path> files;

    OomCounters(Path proc, Path cgroupMount) {
        this.proc = proc;
        this.cgroupMount = cgroupMount;
    }

    static OomCounters system() {
        return new OomCounters(Path.of("/proc"), Path.of("/sys/fs/cgroup"));
    }

    /** The counts now; reads a few small kernel files, so call it off the event loop. */
    public Reading read() {
        return new Reading(counts());
    }

    private Map<Path, Long> counts() {
        Map<Path, Long> counts = new LinkedHashMap<>();
        for (Path file : files()) {
            Deque<Path> pending = new ArrayDeque<>(List.of(file.getParent()));
            while (!pending.isEmpty() && counts.size() < MAX_CGROUPS) {
                Path cgroup = pending.pop();
                Path counter = cgroup.resolve(file.getFileName());
                count(counter).ifPresent(value -> counts.put(counter, value));
                try (DirectoryStream<Path> children = Files.newDirectoryStream(cgroup, Files::isDirectory)) {
                    children.forEach(pending::push);
                } catch (IOException | RuntimeException e) {
                    // gone since it was listed: nothing below it to count
                }
            }
        }
        return Map.copyOf(counts);
    }

    /** Counts at one moment. */
    public final class Reading {
        private final Map<Path, Long> counts;

        private Reading(Map<Path, Long> counts) {
            this.counts = counts;
        }

        /** Whether the OOM killer has killed a process in the agent's cgroup, or one below it, since this reading. */
        public boolean rose() {
            return counts().entrySet().stream().anyMatch(now -> now.getValue() > counts.getOrDefault(now.getKey(), 0L));
        }
    }

    private List<Path> files() {
        List<Path> found = files;
        if (found == null) {
            found = locate();
            files = found;
        }
        return found;
    }

    private List<Path> locate() {
        List<Path> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(proc.resolve("self/cgroup"))) {
                String[] parts = line.split(":", 3);
                if (parts.length < 3) {
                    continue;
                }
                String relative = parts[2].replaceFirst("^/+", "");
                if (parts[0].equals("0") && parts[1].isEmpty()) {
                    candidate(cgroupMount, relative, V2_FILE).ifPresent(found::add);
                    candidate(cgroupMount.resolve("unified"), relative, V2_FILE).ifPresent(found::add);
                } else if (List.of(parts[1].split(",")).contains("memory")) {
                    candidate(cgroupMount.resolve("memory"), relative, V1_FILE).ifPresent(found::add);
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of(); // no /proc: nothing to count
        }
        return List.copyOf(found);
    }

    private static Optional<Path> candidate(Path mount, String relative, String name) {
        Path own = mount.resolve(relative).resolve(name);
        if (Files.isReadable(own)) {
            return Optional.of(own);
        }
        Path root = mount.resolve(name);
        return Files.isReadable(root) ? Optional.of(root) : Optional.empty();
    }

    private static Optional<Long> count(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(KEY)) {
                    return Optional.of(Long.parseLong(line.substring(KEY.length()).strip()));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the cgroup went away, or the kernel has no such counter
        }
        return Optional.empty();
    }
}
