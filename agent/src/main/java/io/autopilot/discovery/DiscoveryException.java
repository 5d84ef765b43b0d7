package io.autopilot.discovery;

import java.io.Serial;

/**
 * A discovery call failed. Messages name the request and what the catalog said, never the ACL token.
 */
public class DiscoveryException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why a call failed, as far as the caller needs to know. */
    public enum Kind {
        /** No answer: connection refused, reset, timed out, TLS handshake failed. Retried with backoff. */
        UNREACHABLE,
        /**
         * The catalog answered with an error (bad request, permission denied, ...), or with a body the agent cannot
         * use (not the JSON expected, beyond its limits).
         */
        REJECTED,
        /** The call cannot be made as asked (a check update for a service never registered, ...). */
        INVALID,
        /** The agent failed handling the answer: a defect of its own, or no memory left. Retried with backoff. */
        INTERNAL
    }

    private final Kind kind;

    public DiscoveryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DiscoveryException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
