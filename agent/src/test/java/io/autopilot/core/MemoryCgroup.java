package io.autopilot.core;

import io.autopilot.testing.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A memory cgroup made for one test, with a limit and no swap, removed afterwards: cgroup v1's memory controller
 * where it is mounted (a hybrid host), else cgroup v2's. Needs root; {@link #create} is empty where it cannot be made.
 */
final class MemoryCgroup implements AutoCloseable {
    private static final Path V1 = Path.of("/sys/fs/cgroup/memory");
    private static final Path V2 = Path.of("/sys/fs/cgroup");

    private final Path path;
    private final boolean v1;
    private final List<MemoryCgroup> children = new ArrayList<>();

    private MemoryCgroup(Path path, boolean v1) {
        this.path = path;
        this.v1 = v1;
    }

    static Optional<MemoryCgroup> create(String name, long limitBytes) {
        try {
            if (Files.isWritable(V1) && Files.exists(V1.resolve("memory.limit_in_bytes"))) {
                return Optional.of(new MemoryCgroup(Files.createDirectory(V1.resolve(name)), true).limit(limitBytes));
            }
            if (Files.isWritable(V2) && Files.readString(V2.resolve("cgroup.subtree_control")).contains("memory")) {
                return Optional.of(new MemoryCgroup(Files.createDirectory(V2.resolve(name)), false).limit(limitBytes));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A cgroup of its own below this one, as a job makes for itself. Only on cgroup v1: v2 lets no cgroup that holds
     * processes (the agent's) give its children a memory controller.
     */
    Optional<MemoryCgroup> child(String name, long limitBytes) throws IOException {
        if (!v1) {
            return Optional.empty();
        }
        MemoryCgroup child = new MemoryCgroup(Files.createDirectory(path.resolve(name)), true).limit(limitBytes);
        children.add(child);
        return Optional.of(child);
    }

    Path path() {
        return path;
    }

    /** A command that moves itself into this cgroup, then runs what follows it. */
    List<String> wrapper() {
        return List.of("sh", "-c", "echo $$ > \"$0\"/cgroup.procs && exec \"$@\"", path.toString());
    }

    private MemoryCgroup limit(long bytes) throws IOException {
        if (v1) {
            Files.writeString(path.resolve("memory.limit_in_bytes"), Long.toString(bytes));
            if (Files.exists(path.resolve("memory.memsw.limit_in_bytes"))) {
                Files.writeString(path.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
            }
        } else {
            Files.writeString(path.resolve("memory.max"), Long.toString(bytes));
            if (Files.exists(path.resolve("memory.swap.max"))) {
                Files.writeString(path.resolve("memory.swap.max"), "0");
            }
        }
        return this;
    }

    /** Removes it once its processes have gone: a killed process leaves its cgroup a moment after its parent knows. */
    @Override
    public void close() {
        children.forEach(MemoryCgroup::close);
        Eventually.until(() -> {
            try {
                Files.deleteIfExists(path);
                return true;
            } catch (IOException e) {
                return false;
            }
        }, () -> "cgroup " + path + " to be empty and removed");
    }
}
