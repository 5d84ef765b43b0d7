package io.autopilot.core;

import io.autopilot.discovery.Discovery;
import io.autopilot.discovery.SessionLock;
import io.vertx.core.Future;

/** A lock with the Consul client it was made through, which giving the lock up closes. */
final class ClientLock implements SessionLock {
    private final Discovery client;
    private final SessionLock lock;

    ClientLock(Discovery client, SessionLock lock) {
        this.client = client;
        this.lock = lock;
    }

    @Override
    public Future<Void> acquire() {
        return lock.acquire();
    }

    @Override
    public boolean held() {
        return lock.held();
    }

    @Override
    public long renewals() {
        return lock.renewals();
    }

    @Override
    public long renewalFailures() {
        return lock.renewalFailures();
    }

    @Override
    public Future<Void> release() {
        return lock.release().transform(released -> client.close());
    }
}
