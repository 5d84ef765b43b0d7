package io.autopilot.discovery;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * The agent's service catalog: registering jobs' services and keeping their TTL checks current, and watching other
 * services and KV keys. Consul is the implementation ({@code discovery.consul}); jobs and watches see only this.
 *
 * <p>Every method returns at once; futures complete, and listeners are called, on the caller's Vert.x context. A
 * service's calls come from its one job, so they are made from one context. Failed futures carry a
 * {@link DiscoveryException}. Calls that find the catalog unreachable are retried with capped backoff until they
 * succeed or a later call for the same service replaces them.
 */
public interface Discovery {
    /**
     * Registers the service with its TTL check, replacing an earlier registration with the same ID. It is remembered:
     * a check update that finds the catalog has lost the service registers it again at once.
     */
    Future<Void> register(ServiceRegistration registration);

    /**
     * Sets the service's TTL check to {@code status} with {@code output} as its note, restarting its TTL. Fails with
     * {@link DiscoveryException.Kind#INVALID} for a service that is not registered here.
     */
    Future<Void> updateCheck(String serviceId, CheckStatus status, String output);

    default Future<Void> pass(String serviceId, String output) {
        return updateCheck(serviceId, CheckStatus.PASSING, output);
    }

    default Future<Void> warn(String serviceId, String output) {
        return updateCheck(serviceId, CheckStatus.WARNING, output);
    }

    default Future<Void> fail(String serviceId, String output) {
        return updateCheck(serviceId, CheckStatus.CRITICAL, output);
    }

    /** Removes the service and forgets it. Succeeds also when the catalog did not know it. */
    Future<Void> deregister(String serviceId);

    /**
     * Deregisters every service registered here and pauses: registrations and check updates made meanwhile are only
     * remembered. Idempotent.
     */
    Future<Void> enterMaintenance();

    /**
     * Ends maintenance: every remembered service is registered again with its last check status and output.
     * (ContainerPilot 3.8 never re-registered after maintenance; 3.7 did.)
     */
    Future<Void> exitMaintenance();

    boolean inMaintenance();

    /** Follows the passing instances of a service; results are sorted by node, then ID. */
    Subscription watchService(ServiceQuery query, WatchListener<List<ServiceInstance>> listener);

    /** Follows a key (a list of at most one entry) or a prefix; results are sorted by key. */
    Subscription watchKeys(KeyQuery query, WatchListener<List<KeyValue>> listener);

    /**
     * A lock on {@code spec.key()} through a session of its own; nothing is sent before {@link SessionLock#acquire()}.
     *
     * @param lost told, on the lock's context, why a held lock was lost (never after {@link SessionLock#release()})
     */
    SessionLock lock(LockSpec spec, Consumer<String> lost);

    /**
     * One of {@code spec.limit()} slots of a semaphore, through a session of its own; nothing is sent before
     * {@link SessionLock#acquire()}.
     *
     * @param lost told, on the semaphore's context, why a held slot was lost (never after {@link SessionLock#release()})
     */
    SessionLock semaphore(SemaphoreSpec spec, Consumer<String> lost);

    /** Stops every watch and closes connections; pending calls fail. */
    Future<Void> close();
}
