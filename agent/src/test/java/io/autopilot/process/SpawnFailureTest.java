package io.autopilot.process;

import static io.autopilot.process.Children.SPAWNER;
import static io.autopilot.process.Children.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpawnFailureTest {

    @Test
    void aMissingProgramFailsWith127AndTheSystemsMessage() {
        var failed = failure(request("/nonexistent/program"));

        assertThat(failed.status()).isEqualTo(ExitStatus.exited(127));
        assertThat(failed.message()).isEqualTo("/nonexistent/program: No such file or directory");
    }

    @Test
    void aProgramNameNotFoundOnThePathFailsWith127() {
        var failed = failure(request("no-such-program-on-the-path"));

        assertThat(failed.status()).isEqualTo(ExitStatus.exited(127));
        assertThat(failed.message()).contains("No such file or directory");
    }

    @Test
    void aFileThatIsNotExecutableFailsWith126(@TempDir Path dir) throws Exception {
        var script = Files.writeString(dir.resolve("script"), "#!/bin/sh\nexit 0\n");

        var failed = failure(request(script.toString()));

        assertThat(failed.status()).isEqualTo(ExitStatus.exited(126));
        assertThat(failed.message()).isEqualTo(script + ": Permission denied");
    }

    @Test
    void aMissingWorkingDirectoryFailsWith126AndSaysSo(@TempDir Path dir) {
        var missing = dir.resolve("missing");

        var failed = failure(request("/bin/true").withWorkingDirectory(missing));

        assertThat(failed.status()).isEqualTo(ExitStatus.exited(126));
        assertThat(failed.message()).isEqualTo("working directory " + missing + ": No such file or directory");
    }

    @Test
    void aFailedSpawnWithPipesLeaksNoFileDescriptor() {
        // The pipe loop keeps its own wake-up pipe from its start on: started first, it is not counted as a leak.
        assertThat(Children.run(Children.sh("exit 0")).status()).isEqualTo(ExitStatus.exited(0));
        long before = openDescriptors();
        for (int i = 0; i < 20; i++) {
            failure(request("/nonexistent").withStdout(Output.lines(line -> {})).withStderr(Output.lines(line -> {})));
        }

        // The pipes go to the loop before the spawn; it closes each read end once it sees end of file, a moment after.
        Eventually.until(() -> openDescriptors() == before, Duration.ofSeconds(Children.TIMEOUT_SECONDS),
                () -> "open descriptors back to " + before + ", not " + openDescriptors());
    }

    private static SpawnResult.Failed failure(SpawnRequest request) {
        var result = SPAWNER.spawn(request);
        assertThat(result).isInstanceOf(SpawnResult.Failed.class);
        return (SpawnResult.Failed) result;
    }

    private static long openDescriptors() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
