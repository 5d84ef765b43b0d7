package io.autopilot.discovery;

import java.time.Duration;
import java.util.Objects;

/**
 * A lock on one KV key, held through a session of this agent's own.
 *
 * @param key the KV key whose {@code Session} says who holds it
 * @param holder what the key's value says while this agent holds it (for people reading the key)
 * @param ttl how long the session lives without a renewal; it is renewed every half of it
 * @param lockDelay how long Consul refuses the key to anyone after the session is lost: the time the jobs of a holder
 *     that lost it have to stop before another holder starts
 */
public record LockSpec(String key, String holder, Duration ttl, Duration lockDelay) {
    /** Consul's limits for a session's TTL and lock delay. */
    public static final Duration MINIMUM_TTL = Duration.ofSeconds(10);
    public static final Duration MAXIMUM_TTL = Duration.ofDays(1);
    public static final Duration MAXIMUM_LOCK_DELAY = Duration.ofSeconds(60);

    public LockSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(holder, "holder");
        if (ttl.compareTo(MINIMUM_TTL) < 0 || ttl.compareTo(MAXIMUM_TTL) > 0) {
            throw new IllegalArgumentException("a session's TTL must be between 10s and 24h, not " + ttl);
        }
        if (lockDelay.isNegative() || lockDelay.compareTo(MAXIMUM_LOCK_DELAY) > 0) {
            throw new IllegalArgumentException("a lock delay must be between 0s and 60s, not " + lockDelay);
        }
    }
}
