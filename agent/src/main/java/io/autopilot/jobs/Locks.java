package io.autopilot.jobs;

import io.autopilot.discovery.LockConfig;
import io.autopilot.discovery.SessionLock;
import java.util.Optional;
import java.util.function.Consumer;

/** Where jobs get the Consul locks they run under ({@code lock}); empty while the agent has no usable Consul. */
@FunctionalInterface
public interface Locks {
    Locks NONE = (config, job, lost) -> Optional.empty();

    /**
     * A new lock for one run of {@code job}, from the agent's Consul connections as they are now; releasing it also
     * closes what it opened.
     *
     * @param lost told, on the caller's context, why the held lock was lost
     */
    Optional<SessionLock> lock(LockConfig config, String job, Consumer<String> lost);
}
