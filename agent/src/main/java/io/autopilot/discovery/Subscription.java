package io.autopilot.discovery;

/** A running watch. Cancelling stops its queries; no result or error is delivered once it returns. */
public interface Subscription {
    /** Call it on the context that started the watch. Idempotent. */
    void cancel();
}
