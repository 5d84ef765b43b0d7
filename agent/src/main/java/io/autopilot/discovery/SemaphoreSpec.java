package io.autopilot.discovery;

import java.time.Duration;
import java.util.Objects;

/**
 * A counting semaphore in Consul's KV store: at most {@code limit} sessions hold it at once, each through a contender
 * key {@code <prefix>/<session>} and the list of holders in {@code <prefix>/.lock}.
 *
 * @param prefix where the contender keys and the {@code .lock} key live
 * @param holder what this agent's contender key says (for people reading the keys)
 * @param limit how many holders at once
 * @param ttl the session's TTL: a holder that stops renewing frees its slot between one and two TTLs later
 */
public record SemaphoreSpec(String prefix, String holder, int limit, Duration ttl) {
    public SemaphoreSpec {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(holder, "holder");
        if (limit < 1) {
            throw new IllegalArgumentException("a semaphore's limit must be at least 1, not " + limit);
        }
        if (ttl.compareTo(LockSpec.MINIMUM_TTL) < 0 || ttl.compareTo(LockSpec.MAXIMUM_TTL) > 0) {
            throw new IllegalArgumentException("a session's TTL must be between 10s and 24h, not " + ttl);
        }
    }

    /** The key holding the limit and the holders. */
    public String lockKey() {
        return prefix + "/.lock";
    }

    /** The session this semaphore's contender creates, as a lock spec: no lock delay, its key the prefix. */
    public LockSpec session() {
        return new LockSpec(prefix, holder, ttl, Duration.ZERO);
    }
}
