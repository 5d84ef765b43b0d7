package io.autopilot.process;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The loop's own mechanics, on a loop of the test's own with pipes the test writes to, so that the test decides when
 * bytes arrive and when the last writer goes.
 */
class PipeLoopTest {
    private final PipeLoop loop = new PipeLoop(new LoopErrors());

    @Test
    void whatIsStillInThePipeAtTheHangUpIsDeliveredBeforeTheEnd() throws Exception {
        var entered = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        var pipe = Pipe.forOutput();
        var end = add(pipe, line -> {
            lines.add(line);
            if (line.equals("1")) {
                entered.countDown();
                await(release);
            }
        });

        write(pipe.writeEnd(), "1\n");
        await(entered);
        // While the loop is held in the sink: the rest, and the hang-up, all before it polls again.
        write(pipe.writeEnd(), numbers(2, 5_000));
        pipe.closeWriteEnd();
        release.countDown();

        // Counted inside the completion itself: every line must be there when the end is reported.
        var counted = end.thenApply(ignored -> lines.size()).get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(counted).isEqualTo(5_000);
        assertThat(List.copyOf(lines)).isEqualTo(IntStream.rangeClosed(1, 5_000).mapToObj(Integer::toString).toList());
    }

    @Test
    void aPipeAddedWhileTheLoopWaitsInPollIsRead() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        var idle = Pipe.forOutput();
        var idleEnd = add(idle, line -> {});
        Thread thread = loopThread(before);
        // Inside poll the loop has taken every pipe added so far: only the wake-up can make it see another.
        Eventually.until(() -> inPoll(thread), () -> "the loop waiting in poll: " + List.of(thread.getStackTrace()));

        var added = Pipe.forOutput();
        var line = new CompletableFuture<String>();
        var addedEnd = add(added, line::complete);
        write(added.writeEnd(), "hello\n");

        assertThat(line.get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isEqualTo("hello");
        added.closeWriteEnd();
        idle.closeWriteEnd();
        CompletableFuture.allOf(idleEnd, addedEnd).get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private CompletableFuture<Void> add(Pipe pipe, Consumer<String> sink) {
        var end = new CompletableFuture<Void>();
        var errors = new LoopErrors();
        loop.add(new PolledPipe(pipe.readEnd(), "stdout", "the test", new LineDelivery("the test", sink, errors), end));
        return end;
    }

    private static Thread loopThread(Set<Thread> before) {
        var started = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.getName().equals("autopilot-pipes")).toList();
        assertThat(started).as("the test loop's thread").hasSize(1);
        return started.getFirst();
    }

    private static boolean inPoll(Thread thread) {
        return Stream.of(thread.getStackTrace()).anyMatch(frame -> frame.getClassName().equals(Libc.class.getName())
                && frame.getMethodName().equals("poll"));
    }

    private static String numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> i + "\n").collect(Collectors.joining());
    }

    /** Writes all of {@code text}; the write end blocks, so a write takes everything or fails. */
    private static void write(int fd, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            var segment = arena.allocateFrom(JAVA_BYTE, bytes);
            var state = Libc.callState(arena);
            long done = 0;
            while (done < bytes.length) {
                long n = Libc.write(state, fd, segment.asSlice(done), bytes.length - done);
                if (n < 0) throw new NativeError("write", Libc.errno(state));
                done += n;
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
