package io.autopilot.services;

/** Where a service stands in the catalog, as the agent intends it and as far as it knows. */
public enum RegistrationState {
    /**
     * Not registered: none of the job's {@code interfaces} has an address yet. The agent keeps looking (see
     * {@code AddressSearch}) and registers as soon as one matches; the snapshot's reason says what it found.
     */
    NO_ADDRESS,
    /** Not registered yet: waiting for the first passing check (no {@code initial_status}). */
    PENDING,
    /** Registered, its check passing or warning. */
    REGISTERED,
    /** Registered, its check critical: the last check failed (or {@code initial_status: critical}). */
    CRITICAL,
    /** Deregistered for the agent's maintenance mode; registered again with its last status when it ends. */
    MAINTENANCE,
    /** Consul does not answer; the service's calls are retried and brought up to date when it does. */
    UNREACHABLE,
    /** Deregistered for good: its job stopped, or the agent did. */
    DEREGISTERED
}
