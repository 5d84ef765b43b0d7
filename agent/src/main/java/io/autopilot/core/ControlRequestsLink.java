package io.autopilot.core;

import io.autopilot.telemetry.ControlRequests;

/**
 * Carries the control plane's answers to telemetry's {@code containerpilot_control_http_requests}. The two are
 * separate components that a reload may restart one without the other, so the control plane counts through this
 * link, which the running telemetry endpoint points at its metrics (and back at nothing when it stops).
 */
final class ControlRequestsLink {
    private volatile ControlRequests target = ControlRequests.NONE;

    void connect(ControlRequests metrics) {
        target = metrics;
    }

    void disconnect(ControlRequests metrics) {
        if (target == metrics) {
            target = ControlRequests.NONE;
        }
    }

    void record(String path, int status) {
        target.record(path, status);
    }
}
