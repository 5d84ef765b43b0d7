package io.autopilot.discovery;

/** A running watch. Cancelling stops its queries; no result or error is delivered once it returns. */
public interface Subscription {
    /**
     * Idempotent, from any thread. Called on the context that started the watch, nothing is delivered after it
     * returns; from elsewhere, a delivery already under way may still finish.
     */
    void cancel();
}
