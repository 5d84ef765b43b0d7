package io.autopilot.discovery.consul;

import io.autopilot.discovery.DiscoveryException;
import java.io.Serial;

/**
 * Consul answered, but the body cannot be used: it is not the JSON expected, or it would keep more than
 * {@link JsonArrayReader}'s limits. Retrying at once would fetch the same body again, so a watch waits for the
 * data to change ({@link #index()}, when known) and keeps its last result meanwhile.
 */
final class UnusableAnswer extends DiscoveryException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final long index;

    UnusableAnswer(String message) {
        this(message, 0);
    }

    private UnusableAnswer(String message, long index) {
        super(Kind.REJECTED, message);
        this.index = index;
    }

    /** The same, naming the request and carrying the answer's index (0 when it had none). */
    UnusableAnswer about(String request, long answerIndex) {
        return new UnusableAnswer("Consul's answer to " + request + " is unusable: " + getMessage(), answerIndex);
    }

    long index() {
        return index;
    }
}
