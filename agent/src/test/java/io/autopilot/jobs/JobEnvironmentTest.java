package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.users.Account;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a job's {@code passEnv}, {@code env} and {@code user} make of the environment its processes get. */
class JobEnvironmentTest {
    private static final Map<String, String> SHARED = Map.of("PATH", "/bin", "CONSUL_HTTP_TOKEN", "t",
            "CONSUL_HTTP_ADDR", "a", "HOME", "/root", "CONTAINERPILOT_WEB_PID", "7");

    @Test
    void byDefaultEverythingPasses() {
        assertThat(JobEnvironment.INHERIT.of(SHARED, Optional.empty())).isEqualTo(SHARED);
    }

    @Test
    void passEnvKeepsNamesPrefixesAndTheAgentsOwnVariables() {
        var environment = new JobEnvironment(Optional.of(List.of("PATH", "CONSUL_HTTP_A*")), Map.of());

        assertThat(environment.of(SHARED, Optional.empty())).containsOnlyKeys("PATH", "CONSUL_HTTP_ADDR",
                "CONTAINERPILOT_WEB_PID");
        assertThat(new JobEnvironment(Optional.of(List.of()), Map.of()).of(SHARED, Optional.empty()))
                .containsOnlyKeys("CONTAINERPILOT_WEB_PID");
    }

    @Test
    void theUsersVariablesReplaceTheAgentsAndEnvComesLast() {
        var account = new Account("app", 1000, 1000, List.of(1000), "/home/app");
        var environment = new JobEnvironment(Optional.empty(), Map.of("USER", "override", "EXTRA", "1"));

        assertThat(environment.of(SHARED, Optional.of(account))).containsEntry("HOME", "/home/app")
                .containsEntry("LOGNAME", "app").containsEntry("USER", "override").containsEntry("EXTRA", "1");
    }
}
