package io.autopilot.telemetry;

/**
 * Counts the control plane's requests as ContainerPilot's {@code containerpilot_control_http_requests{code,path}}.
 * The control plane calls {@link #record} once per answered request, from any thread.
 */
@FunctionalInterface
public interface ControlRequests {
    /** For an agent without telemetry. */
    ControlRequests NONE = (path, status) -> { };

    /**
     * @param path the route's path ({@code /v3/metric}); for a path no route serves, one fixed value such as
     *     {@code other}, so that a scanner cannot grow the metric without bound
     * @param status the HTTP status answered ({@code 422})
     */
    void record(String path, int status);
}
