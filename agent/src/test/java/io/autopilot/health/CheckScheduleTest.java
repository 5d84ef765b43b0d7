package io.autopilot.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.Futures;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CheckScheduleTest {
    private final Vertx vertx = Vertx.vertx();
    private final Context context = vertx.getOrCreateContext();
    private final List<Promise<CheckResult>> runs = new CopyOnWriteArrayList<>();
    private final List<CheckResult> results = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void theFirstCheckRunsAtOnceAndARunStillGoingAtTheNextTickIsSkipped() throws Exception {
        var schedule = new CheckSchedule(context, Duration.ofMillis(10), this::newRun, results::add);
        onContext(schedule::start);
        assertThat(runs).as("started at once, not one interval later").hasSize(1);

        await(() -> onContext(schedule::skipped) >= 3);
        assertThat(runs).as("never a second run beside the first").hasSize(1);

        onContext(() -> runs.getFirst().complete(new CheckResult(false, "down")));
        await(() -> runs.size() >= 2);
        assertThat(results).containsExactly(new CheckResult(false, "down"));
    }

    @Test
    void aResultThatArrivesAfterStopIsNotReported() throws Exception {
        var schedule = new CheckSchedule(context, Duration.ofHours(1), this::newRun, results::add);
        onContext(schedule::start);
        onContext(schedule::stop);
        onContext(() -> runs.getFirst().complete(new CheckResult(true, "")));

        assertThat(onContext(schedule::isRunning)).isFalse();
        assertThat(results).isEmpty();
    }

    private Future<CheckResult> newRun() {
        Promise<CheckResult> run = Promise.promise();
        runs.add(run);
        return run.future();
    }

    private void onContext(Runnable action) {
        onContext(() -> {
            action.run();
            return 0;
        });
    }

    private <T> T onContext(Supplier<T> action) {
        Promise<T> done = Promise.promise();
        context.runOnContext(v -> done.complete(action.get()));
        return Futures.await(done.future());
    }

    private static void await(BooleanSupplier condition) {
        // A bounded poll of state that has no completion signal, not a timing assumption.
        Eventually.until(condition, Duration.ofSeconds(10), () -> "the schedule's state");
    }
}
