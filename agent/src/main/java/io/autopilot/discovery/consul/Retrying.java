package io.autopilot.discovery.consul;

import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.retry.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Repeats a call while Consul is unreachable, with the agent's {@link Backoff} (full jitter, so that agents cut off
 * by the same outage do not come back in step), for as long as the call is still wanted (a later
 * call for the same service replaces it). Any other failure ends it at once. Runs on the caller's context: the
 * attempts' callbacks and the timers between them stay there.
 *
 * <p>The backoff counts the failures in a row of every call made through this object, not of one call: a check
 * update replaces the one still retrying every few seconds, and if each started its backoff again, an agent cut off
 * from Consul would try about four times as often as it talks to a Consul that answers. Any answer of Consul's ends
 * the streak.
 */
final class Retrying {
    /** Waits {@code millis}, then runs {@code then}: Vert.x's timer on the caller's context. */
    interface Pause {
        void then(long millis, Runnable then);
    }

    private final Pause pause;
    private final Backoff backoff;
    private final DoubleSupplier random;
    private final BooleanSupplier closed;
    private final AtomicInteger unreachableInARow = new AtomicInteger();

    /** @param random uniform in [0, 1), for the jitter */
    Retrying(Vertx vertx, Backoff backoff, DoubleSupplier random, BooleanSupplier closed) {
        this((millis, then) -> vertx.setTimer(millis, ignored -> then.run()), backoff, random, closed);
    }

    Retrying(Pause pause, Backoff backoff, DoubleSupplier random, BooleanSupplier closed) {
        this.pause = pause;
        this.backoff = backoff;
        this.random = random;
        this.closed = closed;
    }

    <T> Future<T> call(Supplier<Future<T>> attempt, BooleanSupplier wanted) {
        Promise<T> promise = Promise.promise();
        run(attempt, wanted, promise);
        return promise.future();
    }

    private <T> void run(Supplier<Future<T>> attempt, BooleanSupplier wanted, Promise<T> promise) {
        attempt.get().onComplete(result -> {
            boolean unreachable = result.failed() && unreachable(result.cause());
            int failures = unreachable ? unreachableInARow.incrementAndGet() : 0;
            if (!unreachable) {
                unreachableInARow.set(0); // Consul answered
            }
            if (result.succeeded()) {
                promise.complete(result.result());
            } else if (unreachable && wanted.getAsBoolean() && !closed.getAsBoolean()) {
                pause.then(Math.max(1, backoff.delay(failures, random).toMillis()),
                        () -> run(attempt, wanted, promise));
            } else {
                promise.fail(result.cause());
            }
        });
    }

    private static boolean unreachable(Throwable failure) {
        return failure instanceof DiscoveryException e && e.kind() == Kind.UNREACHABLE;
    }
}
