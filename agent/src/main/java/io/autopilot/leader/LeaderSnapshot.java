package io.autopilot.leader;

import java.time.Instant;
import java.util.Optional;

/**
 * The leader election as {@code -status} and {@code /metrics} show it.
 *
 * @param elected whether this agent holds the lock now
 * @param since when it was last elected or deposed; empty before either
 * @param lastDeposed why it was last deposed; empty if never
 * @param elections how many times it was elected since the agent started
 * @param renewals the session renewals that succeeded
 * @param renewalFailures those that failed (Consul unreachable, or the session gone)
 */
public record LeaderSnapshot(String key, boolean elected, Optional<Instant> since, Optional<String> lastDeposed,
        long elections, long renewals, long renewalFailures) {
}
