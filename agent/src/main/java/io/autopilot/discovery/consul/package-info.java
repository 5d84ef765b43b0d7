/**
 * Consul behind {@link io.autopilot.discovery.Discovery}: where the agent is and how to reach it (address, scheme,
 * ACL token and TLS, from the {@code consul} key and Consul's own environment variables, as ContainerPilot reads
 * them), registration with a TTL check that follows the job's health both ways and comes back by itself when Consul
 * loses it, and watches made of blocking queries, never fixed polling. Requests go through one Vert.x web client
 * whose futures complete on the caller's context; unreachable Consul is retried with capped backoff and logged once
 * per change of state.
 */
package io.autopilot.discovery.consul;
