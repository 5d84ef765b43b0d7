package io.autopilot.discovery.consul;

import io.autopilot.logging.Log;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Whether Consul answers, as the requests find it. Every request reports its outcome; only a change of state is
 * logged and passed on, so an agent that is down for an hour writes two lines, not one per retry or per watch.
 * Consul is assumed reachable until a request finds otherwise. Requests on any thread may report, and listeners
 * come and go with the clients that share the connections.
 */
final class ReachabilityTracker {
    private final AtomicReference<Reachability> state = new AtomicReference<>(Reachability.REACHABLE);
    private final List<Consumer<Reachability>> listeners = new CopyOnWriteArrayList<>();
    private final String url;
    private final Log log;

    ReachabilityTracker(String url, Log log) {
        this.url = url;
        this.log = log;
    }

    /** {@code listener} is told of every change from now on, once each, on the thread that found it. */
    void listen(Consumer<Reachability> listener) {
        listeners.add(listener);
    }

    void stopListening(Consumer<Reachability> listener) {
        listeners.remove(listener);
    }

    void answered() {
        if (state.compareAndSet(Reachability.UNREACHABLE, Reachability.REACHABLE)) {
            log.info("consul: " + url + " is reachable again");
            listeners.forEach(listener -> listener.accept(Reachability.REACHABLE));
        }
    }

    void unreachable(String why) {
        if (state.compareAndSet(Reachability.REACHABLE, Reachability.UNREACHABLE)) {
            log.warn("consul: " + url + " is unreachable (" + why + "); retrying with backoff");
            listeners.forEach(listener -> listener.accept(Reachability.UNREACHABLE));
        }
    }
}
