package io.autopilot.jobs;

import io.autopilot.discovery.LockConfig;
import io.autopilot.discovery.SessionLock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where jobs get the Consul locks they run under ({@code lock}) and the semaphores their restarts take
 * ({@code rolling}); empty while the agent has no usable Consul.
 */
public interface Locks {
    Locks NONE = (config, job, lost) -> Optional.empty();

    /**
     * A new lock for one run of {@code job}, from the agent's Consul connections as they are now; releasing it also
     * closes what it opened.
     *
     * @param lost told, on the caller's context, why the held lock was lost
     */
    Optional<SessionLock> lock(LockConfig config, String job, Consumer<String> lost);

    /**
     * A new slot of the job's {@code rolling} semaphore, for one restart; releasing it also closes what it opened.
     *
     * @param lost told, on the caller's context, why the held slot was lost
     */
    default Optional<SessionLock> semaphore(RollingConfig config, String job, Consumer<String> lost) {
        return Optional.empty();
    }
}
