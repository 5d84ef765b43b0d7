package io.autopilot.process;

import static io.autopilot.process.Children.SPAWNER;
import static io.autopilot.process.Children.run;
import static io.autopilot.process.Children.sh;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import io.autopilot.testing.Eventually;
import java.util.HashSet;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OrphanReapingTest {

    @Test
    void reapsEveryOrphanOfAChildThatDoubleForksAndLeavesNoZombie() throws Exception {
        var recorder = new OrphanRecorder();
        SPAWNER.addOrphanListener(recorder);
        long before = SPAWNER.orphansReaped();

        // Each subshell starts a sleep, prints its pid and exits: the sleep is orphaned and, as we are a subreaper
        // (or PID 1), re-parented to us. The sleep outlives its subshell by far even on a loaded machine: one that
        // ended first would be reaped by the subshell itself and never reach us.
        var ran = run(sh("for i in $(seq 200); do (sleep 1 & echo $!); done"));

        assertThat(ran.status()).isEqualTo(ExitStatus.exited(0));
        var grandchildren = ran.stdout().stream().map(Integer::valueOf).collect(Collectors.toSet());
        assertThat(grandchildren).hasSize(200);
        recorder.awaitAll(grandchildren, Duration.ofSeconds(Children.TIMEOUT_SECONDS));

        int self = (int) ProcessHandle.current().pid();
        assertThat(ProcStat.all()).filteredOn(p -> p.state() == 'Z' && p.parent() == self).isEmpty();
        assertThat(SPAWNER.orphansReaped() - before).isEqualTo(recorder.count());
    }

    @Test
    void theReaperSurvivesAnErrorOnItsThreadAndReportsAFatalOne() throws Exception {
        Queue<Throwable> fatal = new ConcurrentLinkedQueue<>();
        var previous = SPAWNER.onFatalError(fatal::add);
        var thrown = new AtomicBoolean();
        SPAWNER.addOrphanListener(pid -> {
            if (!thrown.getAndSet(true)) throw new OutOfMemoryError("a full heap on the reaper thread, for the test");
        });
        try {
            // The sleep is orphaned to us; its reap runs the listener, which throws once.
            assertThat(run(sh("sleep 0.1 & exit 0")).status()).isEqualTo(ExitStatus.exited(0));
            Eventually.until(thrown::get, Duration.ofSeconds(Children.TIMEOUT_SECONDS), () -> "the orphan's reap");

            // Before the reaper survived it, its thread was gone: no exit was ever reported again.
            assertThat(run(sh("exit 3")).status()).isEqualTo(ExitStatus.exited(3));
            assertThat(fatal).singleElement().isInstanceOf(OutOfMemoryError.class);
        } finally {
            SPAWNER.onFatalError(previous);
        }
    }

    /** Collects orphan pids from the reaper thread; the test waits on it with a bound. */
    private static final class OrphanRecorder implements IntConsumer {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition added = lock.newCondition();
        private final Set<Integer> reaped = new HashSet<>();

        @Override
        public void accept(int pid) {
            lock.lock();
            try {
                reaped.add(pid);
                added.signalAll();
            } finally {
                lock.unlock();
            }
        }

        int count() {
            lock.lock();
            try {
                return reaped.size();
            } finally {
                lock.unlock();
            }
        }

        void awaitAll(Set<Integer> pids, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            lock.lock();
            try {
                while (!reaped.containsAll(pids)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        var missing = new HashSet<>(pids);
                        missing.removeAll(reaped);
                        throw new AssertionError(missing.size() + " orphans not reaped: " + missing);
                    }
                    added.await(left, TimeUnit.NANOSECONDS);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
