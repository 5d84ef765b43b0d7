package io.autopilot.discovery;

import io.vertx.core.Future;

/**
 * A lock on a KV key, held through a session that this agent creates, renews every half TTL and destroys when it
 * gives the lock up. Used from one Vert.x context: its futures complete, and its loss is told, there.
 *
 * <p>The holder learns of a loss before anyone else can take the lock: when a renewal finds the session gone, and
 * at the latest one TTL after the last renewal that succeeded was sent, which is before Consul may invalidate the
 * session; another holder must then still wait out the lock delay.
 *
 * <p>A slot of a semaphore ({@link Discovery#semaphore}) is held the same way: "the lock" is then one of the slots.
 */
public interface SessionLock {
    /**
     * Takes the lock, waiting (a blocking query on the key) while another session holds it; completes once held.
     * After a loss, call it again to contend anew with a new session.
     */
    Future<Void> acquire();

    /** Whether the lock is held now. */
    boolean held();

    /** The session renewals that succeeded so far, and those that failed; readable from any thread. */
    long renewals();

    long renewalFailures();

    /** Gives the lock up at once (others may take it without the lock delay) and ends the session. Idempotent. */
    Future<Void> release();
}
