package io.autopilot.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The fields of {@code /proc/<pid>/stat} the tests look at. */
record ProcStat(int pid, char state, int parent, int processGroup) {

    static ProcStat of(int pid) {
        return read(Path.of("/proc", Integer.toString(pid), "stat")).orElseThrow();
    }

    /** Whether the process exists, as a zombie or not. */
    static boolean exists(int pid) {
        return read(Path.of("/proc", Integer.toString(pid), "stat")).isPresent();
    }

    /** Every process we can still read; those that vanish while we look are skipped. */
    static List<ProcStat> all() {
        try (var entries = Files.list(Path.of("/proc"))) {
            var stats = new ArrayList<ProcStat>();
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> read(p.resolve("stat")).ifPresent(stats::add));
            return stats;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ProcStat> read(Path stat) {
        String text;
        try {
            text = Files.readString(stat);
        } catch (IOException e) {
            return Optional.empty();
        }
        // "pid (comm) state ppid pgrp ..."; comm may itself contain spaces and parentheses.
        int pid = Integer.parseInt(text.substring(0, text.indexOf(' ')));
        var fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        int parent = Integer.parseInt(fields[1]);
        return Optional.of(new ProcStat(pid, fields[0].charAt(0), parent, Integer.parseInt(fields[2])));
    }
}
