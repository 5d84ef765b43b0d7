/**
 * The control plane: HTTP/1.1 on a Unix socket, served by {@link io.autopilot.control.ControlServer} and asked by the
 * agent's own client commands through {@link io.autopilot.control.ControlClient}, one request per connection. It
 * speaks ContainerPilot's {@code /v3} API with its status codes, plus {@code /v3/status} and per-job control. Every
 * request gets an answer, whatever is wrong with it; bodies, request lines and headers have documented limits. It acts
 * on the agent only through the bus (metrics, maintenance) and through {@link io.autopilot.control.ControlledAgent},
 * which the core implements; other features add sections to the status through
 * {@link io.autopilot.control.StatusSource}.
 */
package io.autopilot.control;
