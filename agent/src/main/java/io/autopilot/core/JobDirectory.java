package io.autopilot.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's jobs by name, in configuration order, for components that act on them (the control plane's status and
 * per-job requests). Empty until the agent has made its jobs, which it does before it makes its components; a reload
 * replaces the whole set. Thread-safe: readers see one immutable set.
 */
public final class JobDirectory {
    private volatile Map<String, Supervised> jobs = Map.of();

    public List<Supervised> all() {
        return List.copyOf(jobs.values());
    }

    public Optional<Supervised> named(String name) {
        return Optional.ofNullable(jobs.get(name));
    }

    void replace(List<Supervised> current) {
        Map<String, Supervised> byName = new LinkedHashMap<>();
        current.forEach(job -> byName.put(job.name(), job));
        jobs = java.util.Collections.unmodifiableMap(byName);
    }
}
