package io.autopilot.health;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a check at once and then every interval, on its owner's context, in the manner of Consul's check runners: a
 * check still running at the next tick is skipped rather than queued or started twice, and the check itself bounds
 * how long a run may take (an exec check kills its process group and waits for its exit). ContainerPilot ran the
 * first check one interval after start, which delayed registration by that much; here it runs immediately.
 *
 * <p>A hung check only ever delays its own next run: waiting is a pending future, never a blocked thread.
 */
public final class CheckSchedule {
    private final Context context;
    private final Duration interval;
    private final Supplier<Future<CheckResult>> check;
    private final Consumer<CheckResult> onResult;
    private long timer = -1;
    private boolean running;
    private long skipped;

    /**
     * @param check starts one run; its future completes when the run is over
     * @param onResult told of every run's result, on the context, unless the schedule was stopped meanwhile
     */
    public CheckSchedule(Context context, Duration interval, Supplier<Future<CheckResult>> check,
                         Consumer<CheckResult> onResult) {
        this.context = context;
        this.interval = interval;
        this.check = check;
        this.onResult = onResult;
    }

    /** Runs the check now and every interval from now; call on the context. */
    public void start() {
        if (timer >= 0) {
            return;
        }
        timer = context.owner().setPeriodic(Math.max(1, interval.toMillis()), id -> tick());
        tick();
    }

    /** Stops scheduling; a run in progress finishes, but its result is not reported. Call on the context. */
    public void stop() {
        if (timer >= 0) {
            context.owner().cancelTimer(timer);
            timer = -1;
        }
    }

    public boolean isRunning() {
        return running;
    }

    /** Ticks that found the previous run still going. */
    public long skipped() {
        return skipped;
    }

    private void tick() {
        if (running) {
            skipped++;
            return;
        }
        running = true;
        long started = timer;
        check.get().onComplete(done -> {
            running = false;
            if (timer >= 0 && timer == started) {
                onResult.accept(done.succeeded() ? done.result()
                        : new CheckResult(false, String.valueOf(done.cause())));
            }
        });
    }
}
