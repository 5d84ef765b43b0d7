package io.autopilot.core;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.function.Supplier;

/**
 * Runs work that must not run on a Vert.x thread and hands its result back to a context. Making and starting jobs
 * and components is such work: each takes a context of its own with {@code getOrCreateContext()}, which on a Vert.x
 * thread would return the caller's.
 */
final class OffLoop {
    private OffLoop() {
    }

    static <T> Future<T> call(Context back, Supplier<T> work) {
        Promise<T> result = Promise.promise();
        Thread.ofVirtual().name("autopilot-reload").start(() -> {
            try {
                T value = work.get();
                back.runOnContext(v -> result.complete(value));
            } catch (RuntimeException e) {
                back.runOnContext(v -> result.fail(e));
            }
        });
        return result.future();
    }

    /** {@code future}, its outcome delivered on {@code back}: for futures that other contexts complete. */
    static <T> Future<T> backOn(Context back, Future<T> future) {
        Promise<T> result = Promise.promise();
        future.onComplete(outcome -> back.runOnContext(v -> result.handle(outcome)));
        return result.future();
    }
}
