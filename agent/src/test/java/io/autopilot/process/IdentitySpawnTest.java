package io.autopilot.process;

import static io.autopilot.process.Children.request;
import static io.autopilot.process.Children.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Children started as another user: who they are, and that no thread of the agent stays anyone but itself. */
class IdentitySpawnTest {
    private static final Identity NOBODY = new Identity("nobody", 65534, 65534, List.of(65534, 4242));

    @BeforeEach
    void needsRoot() {
        assumeThat(AgentPrivileges.read().canSwitch()).as("these tests switch users: they need root").isTrue();
    }

    @Test
    void theChildRunsWithTheUsersIdsAndGroupsAndNoCapability() {
        var status = run(request("cat", "/proc/self/status").withIdentity(NOBODY)).stdout();

        assertThat(status).contains("Uid:\t65534\t65534\t65534\t65534", "Gid:\t65534\t65534\t65534\t65534",
                "Groups:\t4242 65534 ", "CapPrm:\t0000000000000000", "CapEff:\t0000000000000000");
    }

    @Test
    void everyThreadOfTheAgentKeepsItsOwnCredentials() throws IOException {
        List<String> before = credentialsOfEveryThread();

        assertThat(run(request("true").withIdentity(NOBODY)).status()).isEqualTo(ExitStatus.exited(0));

        assertThat(credentialsOfEveryThread()).containsAll(before).allSatisfy(line -> assertThat(line)
                .doesNotContain("65534", "4242"));
        var rootChild = run(request("cat", "/proc/self/status")).stdout();
        assertThat(rootChild).contains("Uid:\t0\t0\t0\t0", "Gid:\t0\t0\t0\t0");
    }

    @Test
    void theProgramIsExecutedAsTheUser(@TempDir Path folder) throws IOException {
        Path script = folder.resolve("root-only.sh");
        Files.writeString(script, "#!/bin/sh\necho ran\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        openToEveryone(folder);

        var result = Children.SPAWNER.spawn(request(script.toString()).withIdentity(NOBODY));

        assertThat(result).isInstanceOfSatisfying(SpawnResult.Failed.class, failed -> {
            assertThat(failed.message()).endsWith("Permission denied");
            assertThat(failed.status()).isEqualTo(ExitStatus.exited(126));
        });
        assertThat(run(request(script.toString())).stdout()).containsExactly("ran");
    }

    @Test
    void aWorkingDirectoryTheUserCannotEnterFailsTheSpawn(@TempDir Path folder) throws IOException {
        Path closed = Files.createDirectory(folder.resolve("closed"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        openToEveryone(folder);

        var result = Children.SPAWNER.spawn(request("true").withWorkingDirectory(closed).withIdentity(NOBODY));

        assertThat(result).isInstanceOfSatisfying(SpawnResult.Failed.class,
                failed -> assertThat(failed.message()).contains("Permission denied"));
    }

    /**
     * Spawns as nobody and as root from two threads at once, and checks each child's ids. Bounded here; for the
     * figures of docs/reliability.md run it with {@code -Didentity.spawns=1000}.
     */
    @Test
    void interleavedSpawnsAsTwoUsersEachGetTheirOwnIds() throws Exception {
        int spawns = Integer.getInteger("identity.spawns", 20);
        List<String> before = credentialsOfEveryThread();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var asNobody = pool.submit(() -> spawnAndCheck(spawns, true));
            var asRoot = pool.submit(() -> spawnAndCheck(spawns, false));
            long[] nobody = asNobody.get();
            long[] root = asRoot.get();
            System.out.printf("identity spawns: %d as nobody, median %.2f ms, p99 %.2f ms; %d as root, median %.2f ms,"
                    + " p99 %.2f ms%n", spawns, millis(nobody, 50), millis(nobody, 99), spawns, millis(root, 50),
                    millis(root, 99));
        }
        assertThat(credentialsOfEveryThread()).containsAll(before);
    }

    // Times the spawn call alone (posix_spawn returns once the child has executed the program), not the run.
    private static long[] spawnAndCheck(int count, boolean asNobody) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            Queue<String> out = new ConcurrentLinkedQueue<>();
            var request = request("cat", "/proc/self/status").withStdout(Output.lines(out::add));
            long start = System.nanoTime();
            var child = Children.start(asNobody ? request.withIdentity(NOBODY) : request);
            nanos[i] = System.nanoTime() - start;
            Children.await(child);
            child.outputClosed().get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(out).contains(asNobody ? "Uid:\t65534\t65534\t65534\t65534" : "Uid:\t0\t0\t0\t0");
        }
        java.util.Arrays.sort(nanos);
        return nanos;
    }

    private static double millis(long[] sorted, int percentile) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }

    // JUnit makes its folders for the owner only; the user must reach what is inside to be refused by it alone.
    private static void openToEveryone(Path folder) throws IOException {
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> credentialsOfEveryThread() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    Files.readAllLines(task.resolve("status")).stream()
                            .filter(line -> line.startsWith("Uid:") || line.startsWith("Gid:")
                                    || line.startsWith("Groups:"))
                            .forEach(line -> lines.add(task.getFileName() + " " + line));
                } catch (IOException e) {
                    // The thread ended meanwhile.
                }
            }
        }
        return lines;
    }
}
