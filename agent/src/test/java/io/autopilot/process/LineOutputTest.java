package io.autopilot.process;

import static io.autopilot.process.Children.await;
import static io.autopilot.process.Children.SPAWNER;
import static io.autopilot.process.Children.run;
import static io.autopilot.process.Children.sh;
import static io.autopilot.process.Children.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LineOutputTest {

    @Test
    void aOneMebibyteLineArrivesInMarkedPiecesAndShortLinesIntactAndInOrder() {
        var ran = run(sh("head -c 1048576 /dev/zero | tr '\\0' x; echo; seq 1 10000"));

        int pieces = (1 << 20) / LineSplitter.LIMIT;
        assertThat(ran.stdout()).hasSize(pieces + 10_000);
        assertThat(ran.stdout().subList(0, pieces - 1))
                .allMatch(piece -> piece.equals("x".repeat(LineSplitter.LIMIT) + LineSplitter.CONTINUED));
        assertThat(ran.stdout().get(pieces - 1)).isEqualTo("x".repeat(LineSplitter.LIMIT));
        assertThat(ran.stdout().subList(pieces, pieces + 10_000)).isEqualTo(numbers(10_000));
    }

    @Test
    void aLineLongerThanTheLimitArrivesInPiecesWithNothingLost() {
        var ran = run(sh("head -c 150000 /dev/zero | tr '\\0' y"));

        assertThat(String.join("", ran.stdout()).replace(LineSplitter.CONTINUED, "")).isEqualTo("y".repeat(150_000));
        assertThat(ran.stdout()).extracting(String::length).containsExactly(
                LineSplitter.LIMIT + LineSplitter.CONTINUED.length(), LineSplitter.LIMIT + LineSplitter.CONTINUED.length(),
                150_000 - 2 * LineSplitter.LIMIT);
    }

    @Test
    void aSinkThatRunsOutOfMemoryCostsItsLineNotThePipe() throws Exception {
        Queue<Throwable> fatal = new ConcurrentLinkedQueue<>();
        var previous = SPAWNER.onFatalError(fatal::add);
        try {
            Queue<String> kept = new ConcurrentLinkedQueue<>();
            var child = start(sh("seq 1 100000").withStdout(Output.lines(line -> {
                if (line.equals("10")) throw new OutOfMemoryError("a full heap, for the test");
                kept.add(line);
            })));

            // Before the reader survived it, the error closed the pipe and the next write killed seq with SIGPIPE.
            assertThat(await(child)).isEqualTo(ExitStatus.exited(0));
            assertThat(kept).hasSize(99_999).doesNotContain("10");
            assertThat(fatal).singleElement().isInstanceOf(OutOfMemoryError.class);
        } finally {
            SPAWNER.onFatalError(previous);
        }
    }

    @Test
    void everyLineIsDeliveredBeforeTheExitIsReported() throws Exception {
        Queue<String> out = new ConcurrentLinkedQueue<>();
        Queue<String> err = new ConcurrentLinkedQueue<>();
        var child = start(sh("seq 1 100000; seq 1 1000 >&2; exit 7")
                .withStdout(Output.lines(out::add)).withStderr(Output.lines(err::add)));

        // Counted inside the completion itself: nothing may arrive after the exit is reported.
        var counted = child.exit().thenApply(status -> List.of(status, out.size(), err.size()))
                .get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);

        assertThat(counted).containsExactly(ExitStatus.exited(7), 100_000, 1_000);
        assertThat(List.copyOf(out)).isEqualTo(numbers(100_000));
    }

    @Test
    void stdoutAndStderrGoToTheirOwnSinks() {
        var ran = run(sh("echo out; echo err >&2"));

        assertThat(ran.stdout()).containsExactly("out");
        assertThat(ran.stderr()).containsExactly("err");
    }

    @Test
    void theExitIsReportedEvenWhileAGrandchildKeepsThePipeOpen() throws Exception {
        var grandchild = new CompletableFuture<Integer>();
        var child = start(sh("sleep 1000 & echo $!")
                .withStdout(Output.lines(line -> grandchild.complete(Integer.parseInt(line)))));

        assertThat(await(child)).isEqualTo(ExitStatus.exited(0));
        assertThat(child.outputClosed()).isNotDone();

        Libc.kill(grandchild.get(), Signals.number("KILL"));
        child.outputClosed().get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void aSinkThatThrowsLosesOnlyItsLineAndDrainingGoesOn() {
        Queue<String> kept = new ConcurrentLinkedQueue<>();
        var child = start(sh("seq 1 5").withStdout(Output.lines(line -> {
            if (line.equals("2")) throw new IllegalStateException("sink failure for the test");
            kept.add(line);
        })));

        assertThat(await(child)).isEqualTo(ExitStatus.exited(0));
        assertThat(kept).containsExactly("1", "3", "4", "5");
    }

    @Test
    void aChildWithInheritedOutputNeedsNoPipe() {
        assertThat(await(start(Children.request("/bin/true")))).isEqualTo(ExitStatus.exited(0));
    }

    private static List<String> numbers(int upTo) {
        return IntStream.rangeClosed(1, upTo).mapToObj(Integer::toString).toList();
    }
}
