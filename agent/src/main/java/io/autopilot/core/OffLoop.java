package io.autopilot.core;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.Callable;

/**
 * Runs work that must not run on a Vert.x thread and hands its result back to a context: a reload's reading of the
 * configuration (file I/O, template rendering), and making and starting jobs and components, since each takes a
 * context of its own with {@code getOrCreateContext()}, which on a Vert.x thread would return the caller's.
 *
 * <p>Each call is one virtual thread: reloads never overlap, so there is at most one at a time, and it runs on the
 * JDK's carrier threads, made on first use, rather than on a thread that checks or spawns wait for.
 */
final class OffLoop {
    private OffLoop() {
    }

    /** Fails with whatever {@code work} throws, an {@link Error} included: a reload must never wait forever. */
    static <T> Future<T> call(Context back, Callable<T> work) {
        Promise<T> result = Promise.promise();
        Thread.ofVirtual().name("autopilot-reload").start(() -> {
            try {
                T value = work.call();
                back.runOnContext(v -> result.complete(value));
            } catch (Throwable e) {
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
