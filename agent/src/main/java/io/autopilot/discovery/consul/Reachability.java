package io.autopilot.discovery.consul;

/** Whether the Consul agent answers; {@link ConsulDiscovery} reports each change once. */
public enum Reachability {
    REACHABLE, UNREACHABLE
}
