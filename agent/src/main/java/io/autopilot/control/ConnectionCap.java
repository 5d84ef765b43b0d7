package io.autopilot.control;

import io.autopilot.logging.Log;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@link #MAX_OPEN} control connections at once: one more is closed as soon as it is accepted, unanswered.
 * Each connection is a file descriptor of the agent's, and the agent needs its descriptors for what matters more
 * than its control plane: the pipes of every job and check it starts. With the request deadline of
 * {@link SingleExchange}, a client that opens connections and never finishes its requests holds at most this many,
 * for at most that long. The warning is logged once when the cap is reached, and again only after it was left.
 */
final class ConnectionCap {
    static final int MAX_OPEN = 512;

    private final Log log;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean refusing;

    ConnectionCap(Log log) {
        this.log = log;
    }

    /** Counts the connection until it closes and returns true; or closes it at once if the cap is reached. */
    boolean admit(HttpConnection connection) {
        if (open.incrementAndGet() > MAX_OPEN) {
            open.decrementAndGet();
            if (!refusing) {
                refusing = true;
                log.warn("control: " + MAX_OPEN + " connections are open, the most allowed: new ones are closed"
                        + " unanswered until some end");
            }
            connection.close();
            return false;
        }
        refusing = false;
        connection.closeHandler(closed -> open.decrementAndGet());
        return true;
    }
}
