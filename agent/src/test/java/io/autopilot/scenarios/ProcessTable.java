package io.autopilot.scenarios;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A snapshot of the host's {@code /proc}, for looking into a namespace from outside: the namespace's processes are
 * the descendants of its PID 1, under their host pids.
 */
public record ProcessTable(Map<Long, Entry> byPid) {

    /**
     * One process as {@code /proc/<pid>/stat} and {@code cmdline} describe it.
     *
     * @param state {@code R}, {@code S}, {@code Z} (zombie) …
     * @param startTicks when it started, in clock ticks after boot: with the pid, it names one process for good
     */
    public record Entry(long pid, long ppid, char state, String comm, List<String> argv, long startTicks) {
        public boolean isZombie() {
            return state == 'Z';
        }

        public String commandLine() {
            return argv.isEmpty() ? "[" + comm + "]" : String.join(" ", argv);
        }

        @Override
        public String toString() {
            return pid + " (ppid " + ppid + ", " + state + ") " + commandLine();
        }
    }

    public static ProcessTable read() {
        Map<Long, Entry> entries = new HashMap<>();
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            dirs.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(dir -> entry(dir).ifPresent(e -> entries.put(e.pid(), e)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return new ProcessTable(Map.copyOf(entries));
    }

    /** Every process below {@code pid} (not {@code pid} itself), parents before their children. */
    public List<Entry> descendantsOf(long pid) {
        Map<Long, List<Entry>> children = new HashMap<>();
        byPid.values().forEach(e -> children.computeIfAbsent(e.ppid(), k -> new ArrayList<>()).add(e));
        List<Entry> found = new ArrayList<>();
        List<Long> frontier = new ArrayList<>(List.of(pid));
        while (!frontier.isEmpty()) {
            long parent = frontier.removeFirst();
            for (Entry child : children.getOrDefault(parent, List.of())) {
                found.add(child);
                frontier.add(child.pid());
            }
        }
        return found;
    }

    public List<Entry> zombieChildrenOf(long pid) {
        return byPid.values().stream().filter(e -> e.ppid() == pid && e.isZombie()).toList();
    }

    /** Live (not zombie) descendants of {@code pid} whose command line contains {@code text}. */
    public List<Entry> running(long pid, String text) {
        return descendantsOf(pid).stream().filter(e -> !e.isZombie() && e.commandLine().contains(text)).toList();
    }

    /** The pid a process has inside its own (innermost) pid namespace, from {@code NSpid} in its status. */
    public static long innerPid(long hostPid) {
        String nsPid = statusField(hostPid, "NSpid").orElseThrow(() -> new IllegalStateException(
                "process " + hostPid + " is gone"));
        String[] pids = nsPid.trim().split("\\s+");
        return Long.parseLong(pids[pids.length - 1]);
    }

    /** Whether the process has installed a handler for signal {@code number} ({@code SigCgt}). */
    public static boolean catches(long pid, int number) {
        return statusField(pid, "SigCgt").map(mask -> (Long.parseUnsignedLong(mask.trim(), 16)
                & (1L << (number - 1))) != 0).orElse(false);
    }

    public static boolean isAlive(long pid) {
        return entry(Path.of("/proc", Long.toString(pid))).filter(e -> !e.isZombie()).isPresent();
    }

    public static Optional<String> statusField(long pid, String name) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith(name + ":"))
                    .map(line -> line.substring(name.length() + 1))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Entry> entry(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            // comm may hold spaces and parentheses: it ends at the last ')'.
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String[] rest = stat.substring(close + 2).split(" ");
            byte[] cmdline = Files.readAllBytes(dir.resolve("cmdline"));
            List<String> argv = cmdline.length == 0 ? List.of()
                    : Arrays.asList(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
            return Optional.of(new Entry(Long.parseLong(stat.substring(0, open).trim()), Long.parseLong(rest[1]),
                    rest[0].charAt(0), stat.substring(open + 1, close), List.copyOf(argv), Long.parseLong(rest[19])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // it exited while we looked
        }
    }
}
