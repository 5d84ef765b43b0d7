package io.autopilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.DiscoveryException;
import io.autopilot.discovery.WatchListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps what a watch delivers; tests take results in order, waiting a bounded time for each. */
final class WatchRecorder<T> implements WatchListener<T> {
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final BlockingQueue<T> results = new LinkedBlockingQueue<>();
    private final List<T> all = new CopyOnWriteArrayList<>();
    private final List<DiscoveryException> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onResult(T result) {
        all.add(result);
        results.add(result);
    }

    @Override
    public void onError(DiscoveryException error) {
        errors.add(error);
    }

    /** The next result delivered, waiting up to {@link #TIMEOUT} for it. */
    T next() {
        try {
            T result = results.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(result).as("a result within %s (errors: %s)", TIMEOUT, errors).isNotNull();
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Every result delivered so far, in order. */
    List<T> all() {
        return List.copyOf(all);
    }

    List<DiscoveryException> errors() {
        return List.copyOf(errors);
    }
}
