package io.autopilot.process;

import static io.autopilot.process.Children.await;
import static io.autopilot.process.Children.sh;
import static io.autopilot.process.Children.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LeftoversTest {

    @Test
    void whatAChildLeavesInItsGroupIsKilledAsItExitsAndItsOutputIsKept() throws Exception {
        Queue<String> out = new ConcurrentLinkedQueue<>();
        var leftover = new CompletableFuture<Integer>();
        var child = start(sh("sleep 1000 & echo $!; echo last words; exit 4")
                .withStdout(Output.lines(line -> {
                    if (!leftover.isDone()) leftover.complete(Integer.parseInt(line)); else out.add(line);
                }))
                .withLeftovers(Leftovers.KILL));

        assertThat(await(child)).isEqualTo(ExitStatus.exited(4));
        assertThat(out).containsExactly("last words");
        // The killed sleep let go of the pipe, and as our orphan it was reaped.
        child.outputClosed().get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        int sleep = leftover.get();
        Eventually.until(() -> !ProcStat.exists(sleep), Duration.ofSeconds(Children.TIMEOUT_SECONDS),
                () -> "the leftover sleep " + sleep + " to be gone");
    }
}
