/**
 * Watches: one {@link io.autopilot.watches.Watch} actor per {@code watches} entry follows a Consul service's healthy
 * instances, or a KV key or prefix, through blocking queries, and publishes {@code changed} (carrying what changed)
 * then {@code healthy} or {@code unhealthy} from {@code watch.<name>}. Jobs learn of it only through the bus; readers
 * on other threads see immutable {@link io.autopilot.watches.WatchSnapshot}s.
 */
package io.autopilot.watches;
