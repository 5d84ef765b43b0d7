package io.autopilot.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged distribution as a user runs it: the launcher, its two names, symlinks, copies, the AOT cache. */
class LauncherIT {
    private static final Path DIST = Path.of(System.getProperty("autopilot.dist", "target/autopilot"));

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    private Result run(Path program, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().putAll(environment);
        builder.redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
    }

    private Result run(Path program, String... args) throws IOException, InterruptedException {
        return run(program, Map.of(), args);
    }

    @Test
    void bothNamesPrintTheVersion() throws Exception {
        for (String name : List.of("autopilot", "containerpilot")) {
            Result result = run(DIST.resolve("bin").resolve(name), "-version");
            assertThat(result.code()).isZero();
            assertThat(result.out()).matches("Version: \\S+\nGitHash: \\S+\n");
            assertThat(result.err()).isEmpty();
        }
    }

    @Test
    void theProgramNameInMessagesIsTheNameItWasCalledBy() throws Exception {
        Result result = run(DIST.resolve("bin/containerpilot"), "-nope");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("containerpilot: unknown flag -nope");
    }

    @Test
    void itWorksThroughASymlinkFromAnotherFolder() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("cp"), DIST.resolve("bin/containerpilot").toAbsolutePath());
        assertThat(run(link, "-version").code()).isZero();
    }

    @Test
    void itWorksWhenTheFolderIsCopiedElsewhere() throws Exception {
        Path copy = dir.resolve("opt/autopilot");
        DistributionCopy.copyTree(DIST, copy);
        Result result = run(copy.resolve("bin/autopilot"), Map.of("AUTOPILOT_AOT", "require"), "-version");
        assertThat(result.code()).as(result.err()).isZero();
    }

    @Test
    void theAotCacheMatchesTheLauncherFlags() throws Exception {
        Result result = run(DIST.resolve("bin/autopilot"), Map.of("AUTOPILOT_AOT", "require"), "-version");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).isEmpty();
    }

    @Test
    void aClientCommandStartsWithTheClientCacheWhereverItsFlagIs() throws Exception {
        Path socket = dir.resolve("none.sock");
        Path config = Files.writeString(dir.resolve("client.json5"), "{ control: { socket: '" + socket + "' } }");
        for (List<String> args : List.of(List.of("-config", config.toString(), "-ping"),
                List.of("--ping", "-config", config.toString()),
                List.of("-putmetric=a=1", "-config", config.toString()),
                List.of("-config", config.toString(), "-job", "app", "-signal", "HUP"))) {
            Map<String, String> environment = Map.of("AUTOPILOT_AOT", "require", "JAVA_TOOL_OPTIONS",
                    "-Xlog:aot=info:file=" + dir.resolve("aot.log"));
            Result result = run(DIST.resolve("bin/autopilot"), environment, args.toArray(String[]::new));
            assertThat(result.code()).as(args + ": " + result.err()).isEqualTo(1);
            assertThat(result.err()).as(args.toString()).contains("control plane not available at " + socket);
            assertThat(Files.readString(dir.resolve("aot.log"))).as(args.toString()).contains("client.aot")
                    .doesNotContain("autopilot.aot");
        }
    }

    @Test
    void fitAotCacheKeepsACacheThatFitsAndTrainsAnotherInPlaceOfOneThatDoesNot() throws Exception {
        Path copy = dir.resolve("opt/autopilot");
        DistributionCopy.copyTree(DIST, copy);
        Result kept = run(copy.resolve("bin/fit-aot-cache"));
        assertThat(kept.code()).as(kept.err()).isZero();
        assertThat(kept.out()).isEqualTo("fit-aot-cache: the AOT cache fits this runtime\n");

        Files.writeString(copy.resolve("lib/autopilot.aot"), "a cache made by another runtime");
        Result trained = run(copy.resolve("bin/fit-aot-cache"));

        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.out()).endsWith("fit-aot-cache: trained an AOT cache for this runtime\n");
        Result used = run(copy.resolve("bin/autopilot"), Map.of("AUTOPILOT_AOT", "require"), "-version");
        assertThat(used.code()).as(used.err()).isZero();

        Files.writeString(copy.resolve("lib/client.aot"), "a cache made by another runtime");
        Result client = run(copy.resolve("bin/fit-aot-cache"));
        assertThat(client.out()).endsWith("fit-aot-cache: trained an AOT cache for this runtime\n");
        Result ping = run(copy.resolve("bin/autopilot"), Map.of("AUTOPILOT_AOT", "require"), "-config",
                copy.resolve("lib/aot-training-client.json5").toString(), "-ping");
        assertThat(ping.err()).contains("control plane not available");
    }

    @Test
    void withoutItsRuntimeAJavaHomeOlderThan25IsPassedOverForOneThatWorks() throws Exception {
        Path copy = dir.resolve("opt/autopilot");
        DistributionCopy.copyTree(DIST, copy);
        // As an image for another C library has it (the launcher's message there says to do so).
        try (var paths = Files.walk(copy.resolve("runtime"))) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        Path old = dir.resolve("old-jdk");
        Files.createDirectories(old.resolve("bin"));
        Files.writeString(old.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        Result result = run(copy.resolve("bin/autopilot"), Map.of("JAVA_HOME", old.toString(), "AUTOPILOT_AOT",
                "off"), "-version");
        assertThat(result.code()).as(result.err()).isZero();
    }

    @Test
    void validateGivesExitCodesAScriptCanUse() throws Exception {
        Path good = Files.writeString(dir.resolve("good.conf"), "jobs = [{ name = app, exec = [\"true\"] }]\n"
                + "control.socket = ${?SOCKET}\n");
        Path bad = Files.writeString(dir.resolve("bad.json5"), "{ jobs: [{ name: 'app', restarts: 'often' }] }");
        Result valid = run(DIST.resolve("bin/autopilot"), Map.of("SOCKET", "/tmp/x.sock"), "-validate", "-config",
                good.toString());
        assertThat(valid.code()).as(valid.err()).isZero();
        assertThat(valid.out()).contains("valid: 1 job").contains("control socket /tmp/x.sock");
        Result invalid = run(DIST.resolve("bin/autopilot"), "-validate", "-config", bad.toString());
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("jobs[0] (name \"app\").restarts: must be a whole number >= 0")
                .contains("(" + bad + ":1)");
    }
}
