package io.autopilot.control;

import io.vertx.core.json.JsonArray;

/**
 * One section of {@code /v3/status} beyond the agent and its jobs: the services' registrations, the watches. Each
 * feature supplies its own from the immutable snapshots its actors publish; the control plane only places it.
 */
public interface StatusSource {
    /** The section's key in the status document ({@code services}, {@code watches}). */
    String section();

    /** The section's entries now; called on the control plane's thread, so it must only read snapshots. */
    JsonArray entries();
}
