package io.autopilot.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's jobs by name, for components that act on them (the control plane's status and per-job requests). Empty
 * until the agent has made its jobs, which it does before it makes its components. A job that has ended stays, to be
 * reported; a reload replaces the jobs it makes anew and removes those it stops for good. Thread-safe: writers
 * (the agent's context) replace an immutable map, readers see one whole set.
 */
public final class JobDirectory {
    private volatile Map<String, Supervised> jobs = Map.of();

    public List<Supervised> all() {
        return List.copyOf(jobs.values());
    }

    public Optional<Supervised> named(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    /** Adds jobs, each replacing the one of the same name, if any. */
    synchronized void put(List<Supervised> added) {
        Map<String, Supervised> byName = new LinkedHashMap<>(jobs);
        added.forEach(job -> byName.put(job.name(), job));
        jobs = Collections.unmodifiableMap(byName);
    }

    /** Removes {@code job}, unless a newer job of the same name has replaced it. */
    synchronized void remove(Supervised job) {
        if (jobs.get(job.name()) == job) {
            Map<String, Supervised> byName = new LinkedHashMap<>(jobs);
            byName.remove(job.name());
            jobs = Collections.unmodifiableMap(byName);
        }
    }
}
