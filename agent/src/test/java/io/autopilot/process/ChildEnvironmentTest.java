package io.autopilot.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    @Test
    void removesTheAgentsJvmVariablesAndKeepsTheRestInOrder() {
        Map<String, String> agent = new LinkedHashMap<>();
        agent.put("PATH", "/usr/bin");
        agent.put("JAVA_TOOL_OPTIONS", "-Xmx32m");
        agent.put("JDK_JAVA_OPTIONS", "-Xss256k");
        agent.put("_JAVA_OPTIONS", "-XX:+UseSerialGC");
        agent.put("_JAVA_SR_SIGNUM", "40");
        agent.put("AUTOPILOT_AOT", "/opt/autopilot/lib/autopilot.aot");
        agent.put("APP_MODE", "production");

        assertThat(ChildEnvironment.withoutAgentVariables(agent))
                .containsExactly(Map.entry("PATH", "/usr/bin"), Map.entry("APP_MODE", "production"));
    }

    @Test
    void theAgentsOwnEnvironmentKeepsPathAndLosesJvmVariables() {
        assertThat(ChildEnvironment.fromAgent())
                .containsKey("PATH")
                .doesNotContainKeys(ChildEnvironment.AGENT_ONLY.toArray(String[]::new));
    }
}
