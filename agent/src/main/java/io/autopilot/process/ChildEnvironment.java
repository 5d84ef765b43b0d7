package io.autopilot.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a child's environment from the agent's. The launcher gives the agent's JVM variables that must not reach a
 * supervised program: a Java app would otherwise run with the agent's {@code -Xmx32m} or its moved suspend signal.
 */
public final class ChildEnvironment {
    /** Variables meant for the agent's own JVM only. */
    public static final Set<String> AGENT_ONLY = Set.of(
            "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "_JAVA_SR_SIGNUM", "AUTOPILOT_AOT");

    private ChildEnvironment() {}

    /** The agent's environment without {@link #AGENT_ONLY}, sorted by name so children see a stable order. */
    public static Map<String, String> fromAgent() {
        return withoutAgentVariables(new TreeMap<>(System.getenv()));
    }

    /** A copy of {@code environment} without {@link #AGENT_ONLY}, in the same order. */
    public static Map<String, String> withoutAgentVariables(Map<String, String> environment) {
        var copy = new LinkedHashMap<>(environment);
        copy.keySet().removeAll(AGENT_ONLY);
        return copy;
    }
}
