package io.autopilot.core;

import java.util.HashMap;
import java.util.Map;

/**
 * The agent's environment as children and later template renders see it: the process's own at start (JVM variables
 * removed), plus what {@code -putenv} ({@code POST /v3/environ}) has set since. Thread-safe: writers replace an
 * immutable map, readers take it whole, so a spawn never sees half of one request's variables.
 *
 * <p>ContainerPilot called {@code os.Setenv} in its own process; a JVM cannot change its environment, and a copy of
 * our own keeps the agent's JVM variables out of children anyway.
 */
public final class AgentEnvironment {
    private volatile Map<String, String> current;

    public AgentEnvironment(Map<String, String> initial) {
        current = Map.copyOf(initial);
    }

    /** The environment now; immutable. */
    public Map<String, String> snapshot() {
        return current;
    }

    /** Sets every variable of {@code values} at once; an empty value sets the variable to "" (as ContainerPilot). */
    public synchronized void putAll(Map<String, String> values) {
        Map<String, String> next = new HashMap<>(current);
        next.putAll(values);
        current = Map.copyOf(next);
    }
}
