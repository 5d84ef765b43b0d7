package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigLoader;
import io.autopilot.discovery.consul.ConsulSettings;
import io.autopilot.events.Event;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RecordingLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One kind of blocking work never waits behind another. */
class BlockingThreadsTest {
    @TempDir
    Path dir;

    /**
     * The template's destination is a FIFO that nobody writes: comparing the file with the render reads it, and the
     * read blocks, as a write to a disk that stopped answering would. Meanwhile the job's exec check must keep
     * spawning every 100 ms, or its Consul TTL would lapse.
     */
    @Test
    void aHealthCheckKeepsItsRateWhileATemplateWriteIsStalled() throws Exception {
        Path fifo = dir.resolve("stalled.conf");
        mkfifo(fifo);
        Files.writeString(dir.resolve("stalled.tmpl"), "listen 80\n");
        AgentConfig config = new ConfigLoader(Map.of()).load(Files.writeString(dir.resolve("agent.json5"), """
                { jobs: [{ name: 'app', exec: ['sleep', '60'], health: { exec: 'true', interval: '100ms', timeout: '5s', ttl: 5 } }],
                  templates: [{ name: 'stalled', source: '%s', destination: '%s' }] }
                """.formatted(dir.resolve("stalled.tmpl"), fifo)));
        var consul = new ConsulComponents(Map.of(), "host", ConsulSettings.DEFAULTS, new RecordingLog(),
                Clock.systemUTC());
        AgentRun run = AgentRun.reloading(config, ConfigSource.NONE, Init.components(Optional.empty(), consul))
                .start().awaitStartup();
        try {
            Eventually.until(BlockingThreadsTest::writeIsStalled, () -> "the template's write to block on " + fifo
                    + "; log: " + run.log.messages);

            long before = checks(run);
            Eventually.until(() -> checks(run) >= before + 5, Duration.ofSeconds(5), () -> "five more checks while"
                    + " the write is stalled, " + checks(run) + " after " + before + "; log: " + run.log.messages);
        } finally {
            release(fifo);
        }
        run.agent.signal("TERM");
        assertThat(run.exitCode()).isEqualTo(143);
    }

    private static long checks(AgentRun run) {
        return run.events.stream().filter(e -> e instanceof Event.ExitSuccess(String source, int pid, var cause)
                && source.equals("check.app")).count();
    }

    /** Whether a thread is in the template's write: opening a FIFO to read it waits for a writer. */
    private static boolean writeIsStalled() {
        return Thread.getAllStackTraces().values().stream().anyMatch(stack -> Stream.of(stack).anyMatch(
                frame -> frame.getClassName().equals("io.autopilot.files.FileWrite")));
    }

    private static void mkfifo(Path path) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
    }

    /** A writer that opens and closes: the blocked read sees the end of the file. Read-write never blocks. */
    private static void release(Path fifo) throws IOException {
        FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE).close();
    }
}
