/**
 * Consul behind {@link io.autopilot.discovery.Discovery}: where the agent is and how to reach it (address, scheme,
 * ACL token and TLS, from the {@code consul} key and Consul's own environment variables, as ContainerPilot reads
 * them), registration with a TTL check that follows the job's health both ways and comes back by itself when Consul
 * loses it, and watches made of blocking queries, never fixed polling. Every part of the agent takes a client of its
 * own from one {@link io.autopilot.discovery.consul.ConsulConnections} per Consul address: vertx-core's HTTP client,
 * with bounded pools kept apart for blocking queries and for the agent's own services, whose futures complete on the
 * caller's context. Answers are decoded as they arrive into what is kept, within limits; retries use the agent's one
 * backoff with jitter; unreachable Consul is logged once per change of state.
 */
package io.autopilot.discovery.consul;
