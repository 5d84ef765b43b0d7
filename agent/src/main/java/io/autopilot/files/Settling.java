package io.autopilot.files;

import io.vertx.core.Vertx;

/**
 * The timers of a template's {@code wait}: each change restarts the {@code min} timer, the first change of a burst
 * starts the {@code max} timer, and whichever fires first ends the wait. Confined to the template's context, where
 * Vert.x also runs the timers it sets from there.
 */
final class Settling {
    private final Vertx vertx;
    private final Quiescence quiescence;
    private long minTimer = -1;
    private long maxTimer = -1;

    Settling(Vertx vertx, Quiescence quiescence) {
        this.vertx = vertx;
        this.quiescence = quiescence;
    }

    /** A change came: {@code settled} runs once changes have stopped for min, or max after the first. */
    void changed(Runnable settled) {
        if (minTimer >= 0) {
            vertx.cancelTimer(minTimer);
        }
        minTimer = vertx.setTimer(Math.max(1, quiescence.min().toMillis()), id -> fire(settled));
        if (maxTimer < 0) {
            maxTimer = vertx.setTimer(Math.max(1, quiescence.max().toMillis()), id -> fire(settled));
        }
    }

    void cancel() {
        if (minTimer >= 0) {
            vertx.cancelTimer(minTimer);
        }
        if (maxTimer >= 0) {
            vertx.cancelTimer(maxTimer);
        }
        minTimer = -1;
        maxTimer = -1;
    }

    private void fire(Runnable settled) {
        cancel();
        settled.run();
    }
}
