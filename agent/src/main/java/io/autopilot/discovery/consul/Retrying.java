package io.autopilot.discovery.consul;

import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.DiscoveryException.Kind;
import io.autopilot.retry.Backoff;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Repeats a call while Consul is unreachable, with the agent's {@link Backoff} (full jitter, so that agents cut off
 * by the same outage do not come back in step), for as long as the call is still wanted (a later
 * call for the same service replaces it). Any other failure ends it at once. Runs on the caller's context: the
 * attempts' callbacks and the timers between them stay there.
 */
final class Retrying {
    private final Vertx vertx;
    private final Backoff backoff;
    private final DoubleSupplier random;
    private final BooleanSupplier closed;

    /** @param random uniform in [0, 1), for the jitter */
    Retrying(Vertx vertx, Backoff backoff, DoubleSupplier random, BooleanSupplier closed) {
        this.vertx = vertx;
        this.backoff = backoff;
        this.random = random;
        this.closed = closed;
    }

    <T> Future<T> call(Supplier<Future<T>> attempt, BooleanSupplier wanted) {
        Promise<T> promise = Promise.promise();
        run(attempt, wanted, 1, promise);
        return promise.future();
    }

    private <T> void run(Supplier<Future<T>> attempt, BooleanSupplier wanted, int attempts, Promise<T> promise) {
        attempt.get().onComplete(result -> {
            if (result.succeeded()) {
                promise.complete(result.result());
            } else if (unreachable(result.cause()) && wanted.getAsBoolean() && !closed.getAsBoolean()) {
                vertx.setTimer(Math.max(1, backoff.delay(attempts, random).toMillis()),
                        ignored -> run(attempt, wanted, attempts + 1, promise));
            } else {
                promise.fail(result.cause());
            }
        });
    }

    private static boolean unreachable(Throwable failure) {
        return failure instanceof DiscoveryException e && e.kind() == Kind.UNREACHABLE;
    }
}
