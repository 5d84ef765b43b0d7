package io.autopilot.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.autopilot.logging.LoggingConfig.Format;
import io.autopilot.logging.LoggingConfig.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging to a file: appending, rotation with reopen (ContainerPilot's test_reopen), concurrency, I/O errors. */
class FileOutputTest {
    private static final String TIME = "2018-05-02T10:00:00.12Z ";
    private static final Pattern WHOLE_ENTRY =
            Pattern.compile("2018-05-02T10:00:00\\.12Z (?:t\\d )?t(\\d) #\\d+ ([a-h])\\2{1499} end");

    @TempDir
    Path dir;

    private final CapturedStreams captured = new CapturedStreams();

    private AgentLog open(Path file) throws IOException {
        return AgentLog.open(new LoggingConfig(Level.INFO, Format.DEFAULT, file.toString()),
                CapturedStreams.CLOCK, captured.streams());
    }

    @Test
    void createsAMissingFileWithMode0644() throws IOException {
        Path file = dir.resolve("containerpilot.log");
        try (AgentLog log = open(file)) {
            log.info("hello world!");
        }
        assertThat(Files.readString(file)).isEqualTo(TIME + "hello world!\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void appendsToAnExistingFile() throws IOException {
        Path file = Files.writeString(dir.resolve("app.log"), "earlier\n");
        try (AgentLog log = open(file)) {
            log.info("later");
        }
        assertThat(Files.readString(file)).isEqualTo("earlier\n" + TIME + "later\n");
    }

    @Test
    void afterRotationTheOldFileGrowsUntilReopenThenANewFileStarts() throws IOException {
        Path file = dir.resolve("containerpilot.log");
        Path rotated = dir.resolve("containerpilot.log.1");
        try (AgentLog log = open(file)) {
            log.info("hello world 1");
            Files.move(file, rotated);
            log.info("hello world 2");
            assertThat(file).doesNotExist();

            log.reopen();
            log.info("hello world 3");
        }
        assertThat(Files.readString(rotated)).isEqualTo(TIME + "hello world 1\n" + TIME + "hello world 2\n");
        assertThat(Files.readString(file)).isEqualTo(TIME + "hello world 3\n");
    }

    @Test
    void reopenIsANoOpForTheStandardStreams() {
        AgentLog log = captured.log(Level.INFO, Format.DEFAULT);
        log.reopen();
        log.info("still stdout");

        assertThat(captured.stdout()).isEqualTo(TIME + "still stdout\n");
    }

    @Test
    void manyThreadsLoggingAtOnceWriteWholeLinesOnly() throws Exception {
        Path file = dir.resolve("busy.log");
        try (AgentLog log = open(file)) {
            runConcurrently(8, 2_000, (thread, i) -> log.with("job", "t" + thread).info(payload(thread, i)));
        }
        assertWholeLines(Files.readAllLines(file), 8 * 2_000);
    }

    @Test
    void reopeningWhileThreadsLogLosesAndSplitsNothing() throws Exception {
        Path file = dir.resolve("busy.log");
        List<String> lines = new ArrayList<>();
        try (AgentLog log = open(file)) {
            runConcurrently(5, 2_000, (thread, i) -> {
                if (thread == 4) {
                    if (i % 100 == 0) { // the "signal thread": rotate and reopen, twenty times
                        Path rotated = dir.resolve("busy.log." + i);
                        Files.move(file, rotated);
                        log.reopen();
                    }
                } else {
                    log.info(payload(thread, i));
                }
            });
        }
        try (var files = Files.list(dir)) {
            for (Path each : files.toList()) {
                lines.addAll(Files.readAllLines(each));
            }
        }
        assertWholeLines(lines, 4 * 2_000);
    }

    @Test
    void aWriteErrorIsReportedOnceAndNeverThrown() throws IOException {
        Path full = Path.of("/dev/full"); // every write fails with ENOSPC
        AgentLog log = open(full);

        assertThatNoException().isThrownBy(() -> {
            log.info("one");
            log.info("two");
            log.reopen();
            log.info("three");
        });
        assertThat(captured.stderr()).isEqualTo("autopilot: cannot write to the log file /dev/full: "
                + "No space left on device (further failures are not reported until a write succeeds)\n");
        log.close();
    }

    @Test
    void aFailedReopenKeepsWritingToTheOpenFile() throws IOException {
        Path logs = Files.createDirectory(dir.resolve("logs"));
        Path file = logs.resolve("app.log");
        Path elsewhere = dir.resolve("moved");
        try (AgentLog log = open(file)) {
            Files.move(logs, elsewhere); // the path's directory is gone: reopening cannot create the file
            log.reopen();
            log.info("kept");
        }
        assertThat(Files.readString(elsewhere.resolve("app.log"))).isEqualTo(TIME + "kept\n");
        assertThat(captured.stderr()).startsWith("autopilot: cannot reopen the log file " + file + ": ");
    }

    @Test
    void aFileThatCannotBeOpenedIsAConfigurationError() {
        assertThatIOException().isThrownBy(() -> open(dir.resolve("missing/app.log")));
    }

    @Test
    void entriesLoggedAfterCloseAreDropped() throws IOException {
        Path file = dir.resolve("app.log");
        AgentLog log = open(file);
        log.close();
        log.info("late");

        assertThat(Files.readString(file)).isEmpty();
        assertThat(captured.stderr()).isEmpty();
    }

    private interface Step {
        void run(int thread, int index) throws Exception;
    }

    private static void runConcurrently(int threads, int perThread, Step step) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        step.run(thread, i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : done) {
                each.get();
            }
        }
    }

    /** Long enough (about 1.5 KiB) that a split write would show. */
    private static String payload(int thread, int index) {
        return "t" + thread + " #" + index + " " + String.valueOf((char) ('a' + thread)).repeat(1500) + " end";
    }

    /** Every line is one whole entry (its thread's letter throughout), and none is missing or repeated. */
    private static void assertWholeLines(List<String> lines, int expected) {
        assertThat(lines).hasSize(expected);
        assertThat(lines).allMatch(FileOutputTest::isWholeEntry, "a whole entry");
        assertThat(lines.stream().distinct()).hasSize(expected);
    }

    private static boolean isWholeEntry(String line) {
        Matcher match = WHOLE_ENTRY.matcher(line);
        return match.matches() && match.group(1).charAt(0) - '0' == match.group(2).charAt(0) - 'a';
    }
}
