package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.decode.Problem;
import io.autopilot.events.EventCode;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.RestartPolicy;
import io.autopilot.jobs.Trigger;
import io.autopilot.watches.WatchConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The six example configurations of ContainerPilot's documentation, in our own words: five load to the model they
 * describe, and the stopping example keeps its two mistakes ({@code tll}, {@code restart}), which must be reported
 * with their lines.
 */
class ContainerPilotExamplesTest {
    private final ConfigLoader loader = new ConfigLoader(Map.of("CONSUL", "consul.service:8301"));

    private static Path example(String name) {
        try {
            return Path.of(ContainerPilotExamplesTest.class.getResource("examples/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private AgentConfig load(String name) throws ConfigException {
        return loader.load(example(name));
    }

    private static JobConfig job(AgentConfig config, String name) {
        return config.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void consulAgentChainsThreeJobsOnHealthAndSuccess() throws ConfigException {
        AgentConfig config = load("consul-agent.json5");
        assertThat(config.jobs()).extracting(JobConfig::name).containsExactly("consul-agent", "preStart", "app");
        JobConfig agent = job(config, "consul-agent");
        assertThat(agent.exec()).containsExactly("consul", "agent", "-rejoin", "-retry-join", "consul.service:8301",
                "-retry-max", "10", "-retry-interval", "10s");
        assertThat(agent.service()).isEmpty();
        assertThat(agent.health().orElseThrow().exec()).containsExactly("sh", "-c", "consul info | grep leader");
        assertThat(agent.health().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(5));
        JobConfig preStart = job(config, "preStart");
        assertThat(preStart.when().trigger()).isEqualTo(new Trigger.OnEvent("consul-agent", EventCode.HEALTHY, false));
        assertThat(preStart.when().timeout()).contains(Duration.ofSeconds(120));
        assertThat(preStart.restarts()).isEqualTo(RestartPolicy.NEVER);
        JobConfig app = job(config, "app");
        assertThat(app.service().orElseThrow().port()).isEqualTo(8000);
        assertThat(app.when().trigger()).isEqualTo(new Trigger.OnEvent("preStart", EventCode.EXIT_SUCCESS, false));
        assertThat(app.health().orElseThrow().ttl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(app.health().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void databaseConfigWatchesTwoServices() throws ConfigException {
        AgentConfig config = load("database-config.json5");
        assertThat(config.watches()).extracting(WatchConfig::name).containsExactly("mysql", "redis");
        assertThat(job(config, "configure-db").when().trigger())
                .isEqualTo(new Trigger.OnEvent("watch.mysql", EventCode.HEALTHY, false));
        assertThat(job(config, "configure-redis").when().trigger())
                .isEqualTo(new Trigger.OnEvent("watch.redis", EventCode.CHANGED, true));
        assertThat(job(config, "configure-redis").exec()).endsWith("-template",
                "/etc/template.ctmpl:/etc/app.conf:pkill -HUP node");
        assertThat(job(config, "app").exec()).containsExactly("node", "server.js", "-p", "8000");
    }

    @Test
    void nginxUpstreamsReactsToEveryChangeOfTheApp() throws ConfigException {
        AgentConfig config = load("nginx-upstreams.json5");
        assertThat(job(config, "onChange-app").when().trigger())
                .isEqualTo(new Trigger.OnEvent("watch.app", EventCode.CHANGED, true));
        assertThat(job(config, "nginx").exec()).containsExactly("nginx", "-g", "daemon off;");
        assertThat(job(config, "nginx").restarts()).isEqualTo(RestartPolicy.UNLIMITED);
        assertThat(config.watches().getFirst().interval()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void periodicTasksRaiseAnAlarmOnEachFailure() throws ConfigException {
        AgentConfig config = load("periodic-tasks.json5");
        JobConfig task = job(config, "task1");
        assertThat(task.when().trigger()).isEqualTo(new Trigger.Periodic(Duration.ofMinutes(1)));
        assertThat(task.timeout()).contains(Duration.ofMinutes(1));
        assertThat(job(config, "alarm-task1").when().trigger())
                .isEqualTo(new Trigger.OnEvent("task1", EventCode.EXIT_FAILED, true));
        assertThat(job(config, "alarm-task1").exec()).contains("{\"text\": \"task1 failed\"}");
    }

    @Test
    void serviceRegistrationOnlyRegistersTheApp() throws ConfigException {
        AgentConfig config = load("service-reg-only.json5");
        assertThat(config.jobs()).filteredOn(j -> j.service().isPresent()).extracting(JobConfig::name)
                .containsExactly("app");
        assertThat(job(config, "consul-template").when().trigger()).isEqualTo(Trigger.STARTUP);
    }

    @Test
    void theStoppingExampleFailsNamingBothMistakesWithTheirLines() {
        assertThatThrownBy(() -> load("stopping-invalid.json5")).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                        "jobs[0] (name \"app\").health.ttl: is required (" + example("stopping-invalid.json5")
                                + ":13)",
                        "jobs[0] (name \"app\").health.tll: unknown key (did you mean \"ttl\"?) ("
                                + example("stopping-invalid.json5") + ":16)",
                        "jobs[1] (name \"preStop\").restart: unknown key (did you mean \"restarts\"?) ("
                                + example("stopping-invalid.json5") + ":23)"));
    }
}
