/**
 * How the agent waits before trying again: one capped exponential backoff with full jitter, used by every retry
 * (a job's restarts, calls to an unreachable Consul, a failing watch query), so that a fleet of agents that failed
 * together does not try again together. It imports nothing else of ours; the random source is always injected.
 */
package io.autopilot.retry;
