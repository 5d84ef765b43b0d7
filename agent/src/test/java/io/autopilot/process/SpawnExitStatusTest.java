package io.autopilot.process;

import static io.autopilot.process.Children.await;
import static io.autopilot.process.Children.request;
import static io.autopilot.process.Children.sh;
import static io.autopilot.process.Children.start;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SpawnExitStatusTest {
    private static final int TERM = Signals.number("TERM");
    private static final int KILL = Signals.number("KILL");

    @Test
    void reportsExitCodesZeroThreeAnd255Exactly() {
        assertThat(await(start(sh("exit 0")))).isEqualTo(ExitStatus.exited(0));
        assertThat(await(start(sh("exit 3")))).isEqualTo(ExitStatus.exited(3));
        assertThat(await(start(sh("exit 255")))).isEqualTo(ExitStatus.exited(255));
    }

    @Test
    void reportsChildrenKilledByTermAndKillAs143And137() {
        var termed = start(request("sleep", "1000"));
        var killed = start(request("sleep", "1000"));

        assertThat(termed.signal(TERM)).isTrue();
        assertThat(killed.signal(KILL)).isTrue();

        assertThat(await(termed)).isEqualTo(ExitStatus.killed(TERM));
        assertThat(await(killed).containerExitCode()).isEqualTo(137);
        assertThat(await(termed).containerExitCode()).isEqualTo(143);
    }

    @Test
    void reportsAChildThatKillsItselfAsKilledBySignal() {
        assertThat(await(start(sh("kill -TERM $$")))).isEqualTo(ExitStatus.killed(TERM));
    }

    @Test
    void attributesEveryStatusToItsOwnChildAmongHundredsOfConcurrentOnes() throws Exception {
        // Each child ends in a way no other one does: codes 0-255, then self-inflicted signals. Four threads spawn at
        // once while the reaper collects, so a status that went to the wrong child would show up as a mismatch.
        List<ExitStatus> expected = new ArrayList<>();
        for (int code = 0; code <= 255; code++) expected.add(ExitStatus.exited(code));
        for (int signal : new int[] {1, 2, 6, 9, 10, 12, 13, 14, 15}) expected.add(ExitStatus.killed(signal));

        List<Future<CompletableFuture<ExitStatus>>> spawned = new ArrayList<>();
        try (ExecutorService spawners = Executors.newFixedThreadPool(4)) {
            for (var status : expected) spawned.add(spawners.submit(() -> start(sh(scriptEndingIn(status))).exit()));
        }
        for (int i = 0; i < expected.size(); i++) {
            var exit = spawned.get(i).get().get(Children.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(exit).as("child %d", i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void matchesAChildThatExitsBeforeTheSpawnCallReturns() {
        // /bin/true exits within microseconds of its exec; the reaper can see it before spawn() has returned.
        for (int i = 0; i < 50; i++) assertThat(await(start(request("/bin/true")))).isEqualTo(ExitStatus.exited(0));
    }

    @Test
    void signalsNothingOnceTheChildIsReaped() {
        var child = start(request("/bin/true"));
        await(child);

        assertThat(child.signal(TERM)).isFalse();
    }

    private static String scriptEndingIn(ExitStatus status) {
        return switch (status) {
            case ExitStatus.Exited(int code) -> "exit " + code;
            case ExitStatus.Killed(int signal) -> "kill -" + signal + " $$";
        };
    }
}
