package io.autopilot.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.TestConsul;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's AOT training ({@code bin/fit-aot-cache -train}, the command {@code mvn package} runs) as a user without
 * privileges, on a copy of the distribution: whoever builds can train, and the training touches nothing outside the
 * distribution — no control socket in /var/run, no registration in the Consul the environment names, no file
 * elsewhere.
 */
class AotTrainingIT {
    private static final Path DIST = Path.of(System.getProperty("autopilot.dist", "target/autopilot"));
    /** Where a user without privileges may write besides its own files: what the training must leave alone. */
    private static final List<Path> WRITABLE_BY_ANYONE =
            Stream.of("/tmp", "/var/tmp", "/dev/shm", "/run", System.getProperty("java.io.tmpdir"))
                    .map(Path::of).filter(Files::isDirectory).distinct().toList();

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    @Test
    void aUserWithoutPrivilegesTrainsTheCacheAndNothingOutsideTheDistributionChanges() throws Exception {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
                "making a user to train as needs root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copy = dir.resolve("autopilot");
        DistributionCopy.copyTree(DIST, copy);
        Files.delete(copy.resolve("lib/autopilot.aot"));
        Files.delete(copy.resolve("lib/client.aot"));
        List<String> before = listing(copy);
        try (ThrowawayUser user = ThrowawayUser.create(dir.resolve("home"));
             ConsulAgent consul = TestConsul.dev()) {
            List<Path> elsewhere = new ArrayList<>(WRITABLE_BY_ANYONE);
            elsewhere.add(dir);
            // A user deleted earlier may have had the same uid and left files behind (a JVM's /tmp/hsperfdata_*).
            List<String> ownedBefore = user.filesOwnedBelow(elsewhere);
            run(List.of("chown", "-R", user.name() + ":", copy.toString()), Map.of());

            // A developer's environment names a Consul: the training must not use it.
            Result trained = run(user.asUser(List.of(copy.resolve("bin/fit-aot-cache").toString(), "-train")),
                    Map.of("CONSUL", consul.httpAddress(), "CONSUL_HTTP_ADDR", consul.httpAddress()));

            assertThat(trained.code()).as("exit code; stdout:%n%s%nstderr:%n%s", trained.out(), trained.err())
                    .isZero();
            // A registration would be gone again from the catalog (the agent deregisters as it stops), but Consul
            // logs every request it serves: none but the test's own wait for a leader.
            assertThat(consul.recentOutput().lines().filter(line -> line.contains("Request finished"))
                    .filter(line -> !line.contains("url=/v1/status/leader"))).as("requests Consul served").isEmpty();
            assertThat(consul.api().get("/v1/agent/services").object().fieldNames()).as("services in Consul")
                    .isEmpty();
            assertThat(user.filesOwnedBelow(elsewhere)).as("files the training made outside the distribution")
                    .filteredOn(path -> !ownedBefore.contains(path))
                    .allMatch(path -> path.equals(copy.toString()) || path.startsWith(copy + "/"));
            List<String> after = new ArrayList<>(before);
            after.add("lib/autopilot.aot");
            after.add("lib/client.aot");
            assertThat(listing(copy)).as("the distribution, which the run's socket and log have left")
                    .containsExactlyInAnyOrderElementsOf(after);
            Result used = run(user.asUser(List.of(copy.resolve("bin/autopilot").toString(), "-version")),
                    Map.of("AUTOPILOT_AOT", "require"));
            assertThat(used.code()).as(used.err()).isZero();
            // Nothing else: the JVM's warnings about classes it could not cache are all of the kinds it never caches.
            assertThat(trained.out()).isEqualTo("fit-aot-cache: trained an AOT cache for this runtime\n");
            assertThat(trained.err()).isEmpty();
        }
    }

    private static List<String> listing(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            return paths.map(path -> root.relativize(path).toString()).toList();
        }
    }

    private Result run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        assertThat(process.isAlive()).as("%s finished within 180 s", command).isFalse();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
