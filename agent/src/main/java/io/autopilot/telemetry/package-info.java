/**
 * Telemetry: the {@code telemetry} block's HTTP endpoint ({@code /metrics} in the Prometheus text format or
 * OpenMetrics, ContainerPilot's {@code /status}) and every metric the agent exposes. {@link
 * io.autopilot.telemetry.AgentMetrics} owns one registry of the Prometheus Java client 1.x; writers (the bus
 * subscriber, the control plane through {@link io.autopilot.telemetry.ControlRequests}) update the client's
 * lock-free metrics, and a scrape reads snapshots only: the jobs' immutable {@code JobSnapshot}s, the watches'
 * {@code WatchSnapshot}s, the Consul clients' {@code DiscoveryStats} and {@code /proc/self}, and the files of
 * {@code telemetry.textfiles} ({@code io.autopilot.telemetry.textfile}). ContainerPilot's counters keep their exact
 * names as untyped metrics ({@link io.autopilot.telemetry.UntypedCounter} says why).
 */
package io.autopilot.telemetry;
