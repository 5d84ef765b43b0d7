package io.autopilot.discovery.consul;

import io.autopilot.logging.Log;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Whether Consul answers, as the requests find it. Every request reports its outcome; only a change of state is
 * logged and passed on, so an agent that is down for an hour writes two lines, not one per retry. Consul is
 * assumed reachable until a request finds otherwise. Requests on any thread may report.
 */
final class ReachabilityTracker {
    private final AtomicReference<Reachability> state = new AtomicReference<>(Reachability.REACHABLE);
    private final String url;
    private final Log log;
    private final Consumer<Reachability> listener;

    ReachabilityTracker(String url, Log log, Consumer<Reachability> listener) {
        this.url = url;
        this.log = log;
        this.listener = listener;
    }

    void answered() {
        if (state.compareAndSet(Reachability.UNREACHABLE, Reachability.REACHABLE)) {
            log.info("consul: " + url + " is reachable again");
            listener.accept(Reachability.REACHABLE);
        }
    }

    void unreachable(String why) {
        if (state.compareAndSet(Reachability.REACHABLE, Reachability.UNREACHABLE)) {
            log.warn("consul: " + url + " is unreachable (" + why + "); retrying with backoff");
            listener.accept(Reachability.UNREACHABLE);
        }
    }
}
