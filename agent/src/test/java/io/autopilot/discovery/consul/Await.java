package io.autopilot.discovery.consul;

import io.autopilot.testing.Eventually;
import io.autopilot.testing.Futures;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Bounded waits for futures and for conditions the code under test brings about. */
final class Await {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Await() {
    }

    /** The future's result; fails the test as {@link Futures#await} does. */
    static <T> T result(Future<T> future) {
        return Futures.await(future);
    }

    /** The future's failure; fails the test when it succeeds or has not completed within {@link #TIMEOUT}. */
    static Throwable failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("the future succeeded, but should have failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the future did not complete within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls {@code condition} until it holds, within {@link Eventually}'s bound. */
    static void until(String what, BooleanSupplier condition) {
        Eventually.until(condition, () -> what);
    }
}
