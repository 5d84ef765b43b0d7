package io.autopilot.control;

import io.autopilot.logging.Log;
import io.netty.channel.Channel;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@link #MAX_OPEN} control connections at once. Each is a file descriptor and some heap of the agent's, which
 * it needs for what matters more than its control plane: the pipes of every job and check it starts, in a heap of
 * 32 MiB. Once the cap is reached the server stops accepting: further clients wait in the kernel's listen queue, at
 * no cost to the agent, and are served as places free up (the request deadline of {@link SingleExchange} frees each
 * within 10 s). Accepting and then closing would not do: a burst of thousands of connections was all accepted, each
 * with its HTTP pipeline, before the first was closed, and the heap ran out. A connection that the acceptor had
 * already taken in when the cap was reached is served like the others: closing it would drop a client that did
 * nothing wrong, and the overshoot is bounded by what one accept turn reads. The warning is logged once when the cap
 * is reached, and again only after the open connections fell to half of it: a cap kept full logs one line.
 */
final class ConnectionCap {
    static final int MAX_OPEN = 512;

    private final Log log;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean full;

    ConnectionCap(Log log) {
        this.log = log;
    }

    /** Counts the connection until it closes; past the cap, stops accepting until one closes. */
    void admit(HttpConnection connection) {
        Channel listener = ((ConnectionBase) connection).channel().parent();
        int count = open.incrementAndGet();
        if (count >= MAX_OPEN && listener != null) {
            listener.config().setAutoRead(false);
            if (!full) {
                full = true;
                log.warn("control: " + MAX_OPEN + " connections are open, the most allowed: new ones wait until"
                        + " some end");
            }
        }
        connection.closeHandler(closed -> {
            int left = open.decrementAndGet();
            if (left < MAX_OPEN && listener != null) {
                listener.config().setAutoRead(true);
            }
            if (left < MAX_OPEN / 2) {
                full = false;
            }
        });
    }
}
