package io.autopilot.process;

import static io.autopilot.process.Children.await;
import static io.autopilot.process.Children.request;
import static io.autopilot.process.Children.run;
import static io.autopilot.process.Children.sh;
import static io.autopilot.process.Children.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every child's output is read by one thread, and no child's output holds up another's. */
class ManyChildrenOutputTest {
    private static final int SIGKILL = 9;

    @Test
    void fiftyChildrenWritingAtOnceHaveEveryLineInOrderOnEachStream() {
        List<Child> children = new ArrayList<>();
        List<Queue<String>> outs = new ArrayList<>();
        List<Queue<String>> errs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Queue<String> out = new ConcurrentLinkedQueue<>();
            Queue<String> err = new ConcurrentLinkedQueue<>();
            children.add(start(sh("i=1; while [ $i -le 2000 ]; do echo $i; echo $i >&2; i=$((i + 1)); done")
                    .withStdout(Output.lines(out::add)).withStderr(Output.lines(err::add))));
            outs.add(out);
            errs.add(err);
        }

        var expected = numbers(2_000);
        for (int i = 0; i < children.size(); i++) {
            assertThat(await(children.get(i))).isEqualTo(ExitStatus.exited(0));
            assertThat(List.copyOf(outs.get(i))).as("stdout of child %d", i).isEqualTo(expected);
            assertThat(List.copyOf(errs.get(i))).as("stderr of child %d", i).isEqualTo(expected);
        }
    }

    @Test
    void oneThreadReadsTheOutputOfFiftyRunningChildren() {
        int threadsBefore = Thread.getAllStackTraces().size();
        Set<Thread> readers = ConcurrentHashMap.newKeySet();
        var started = new CountDownLatch(100);
        List<Child> children = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Output output = Output.lines(line -> {
                    readers.add(Thread.currentThread());
                    started.countDown();
                });
                var request = sh("echo out; echo err >&2; exec sleep 1000").withStdout(output).withStderr(output);
                children.add(start(request));
            }
            awaitLatch(started);

            assertThat(readers).singleElement().extracting(Thread::getName).isEqualTo("autopilot-pipes");
            // A thread per pipe made a hundred more; a few may come and go for the JVM's own reasons.
            assertThat(Thread.getAllStackTraces().size()).isLessThan(threadsBefore + 10);
        } finally {
            children.forEach(child -> child.signal(SIGKILL));
        }
        children.forEach(child -> assertThat(await(child)).isEqualTo(ExitStatus.killed(SIGKILL)));
    }

    /**
     * {@code yes} writes far faster than its sink takes the lines (10 µs each), so its pipe is never empty: a loop
     * that read a pipe until it had nothing more would never come back to the other child's.
     */
    @Test
    void aChildWritingWithoutPauseDoesNotHoldUpAnotherChildsLines() {
        var bytes = new AtomicLong();
        var flood = start(request("yes", "0123456789abcdef0123456789abcdef").withStdout(Output.lines(line -> {
            bytes.addAndGet(line.length() + 1);
            long busyUntil = System.nanoTime() + 10_000;
            while (System.nanoTime() < busyUntil) {
                Thread.onSpinWait();
            }
        })));
        try {
            Eventually.until(() -> bytes.get() > 1 << 20, () -> "the first MiB of yes, " + bytes.get() + " bytes yet");
            Queue<String> out = new ConcurrentLinkedQueue<>();
            Queue<String> err = new ConcurrentLinkedQueue<>();
            var lines = start(sh("for i in 1 2 3 4 5; do echo $i; echo $i >&2; done")
                    .withStdout(Output.lines(out::add)).withStderr(Output.lines(err::add)));
            // Not the exit: it is reported at most a second after the reap even if the lines never come.
            Eventually.until(() -> out.size() + err.size() == 10, () -> "the other child's lines: " + out + err);
            assertThat(out).containsExactly("1", "2", "3", "4", "5");
            assertThat(err).containsExactly("1", "2", "3", "4", "5");
            assertThat(await(lines)).isEqualTo(ExitStatus.exited(0));

            long now = bytes.get();
            Eventually.until(() -> bytes.get() > now + (4 << 20), () -> "4 MiB more of yes, " + (bytes.get() - now));
        } finally {
            flood.signal(SIGKILL);
        }
        assertThat(await(flood)).isEqualTo(ExitStatus.killed(SIGKILL));
    }

    /**
     * The child names its stdout's pipe, closes it, and waits on a FIFO for the test, which first waits until the
     * agent's read end of that pipe is gone: the loop has ended one pipe of the child and must go on with the other.
     */
    @Test
    void aChildThatClosesItsStdoutEarlyStillHasItsStderrRead(@TempDir Path dir) throws Exception {
        var fifo = dir.resolve("go");
        assertThat(run(request("mkfifo", fifo.toString())).status()).isEqualTo(ExitStatus.exited(0));
        Queue<String> out = new ConcurrentLinkedQueue<>();
        Queue<String> err = new ConcurrentLinkedQueue<>();
        var child = start(sh("readlink /proc/$$/fd/1; exec 1>&-; read go < '" + fifo + "'; seq 1 1000 >&2")
                .withStdout(Output.lines(out::add)).withStderr(Output.lines(err::add)));

        Eventually.until(() -> !out.isEmpty(), () -> "the child's name of its stdout");
        String stdoutPipe = out.peek();
        assertThat(stdoutPipe).startsWith("pipe:[");
        Eventually.until(() -> !holds(stdoutPipe), () -> "the agent's read end of " + stdoutPipe + " closed");

        // Held open until the child is done: its open of the FIFO waits for a writer.
        try (var go = FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            go.write(ByteBuffer.wrap("go\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(await(child)).isEqualTo(ExitStatus.exited(0));
        }
        assertThat(out).containsExactly(stdoutPipe);
        assertThat(List.copyOf(err)).isEqualTo(numbers(1_000));
    }

    /**
     * The read ends do not block, but the child's ends must: {@code O_NONBLOCK} on a pipe made with it is shared with
     * the child's copy, and a program whose stdout does not block gets EAGAIN when the pipe is full.
     */
    @Test
    void theChildsStdoutAndStderrBlock() {
        var ran = run(sh("grep flags /proc/$$/fdinfo/1; grep flags /proc/$$/fdinfo/2 >&2"));

        assertThat(Stream.concat(ran.stdout().stream(), ran.stderr().stream()).toList()).hasSize(2).allSatisfy(line -> {
            int flags = Integer.parseInt(line.replaceAll("[^0-7]", ""), 8);
            assertThat(flags & LinuxAbi.O_NONBLOCK).as(line).isZero();
        });
    }

    private static boolean holds(String pipe) {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.anyMatch(fd -> pipe.equals(link(fd)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String link(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed while we looked
        }
    }

    private static List<String> numbers(int upTo) {
        return IntStream.rangeClosed(1, upTo).mapToObj(Integer::toString).toList();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the children's first lines")
                    .isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
