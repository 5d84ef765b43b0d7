package io.autopilot.discovery;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Receives what a watch sees, on the context that started the watch, one call at a time.
 *
 * <p>{@link #onResult} is called with the first result, even an empty one, and then only when the result differs
 * from the one delivered last: a query that returns the same data (a blocking query that timed out, a retry after an
 * error) delivers nothing.
 */
public interface WatchListener<T> {
    void onResult(T result);

    /** A query failed; the watch retries it by itself. The last result stays the current one. */
    void onError(DiscoveryException error);

    /**
     * A query was answered, whether or not its result changed, after {@code took}: for a blocking query, the time
     * Consul held it. Called before {@link #onResult}, if that follows. Nothing by default.
     */
    default void onAnswer(Duration took) {
    }

    static <T> WatchListener<T> of(Consumer<? super T> onResult, Consumer<? super DiscoveryException> onError) {
        return new WatchListener<>() {
            @Override
            public void onResult(T result) {
                onResult.accept(result);
            }

            @Override
            public void onError(DiscoveryException error) {
                onError.accept(error);
            }
        };
    }
}
