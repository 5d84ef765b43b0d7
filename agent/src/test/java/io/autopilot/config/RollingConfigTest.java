package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.jobs.RollingConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A job's {@code rolling}: its defaults, its limits, and what it needs (a service, a check, Consul). */
class RollingConfigTest {
    private static final String SERVICE = """
            name: "web", exec: "true", port: 8080, health: { exec: "true", interval: 5, ttl: 15 }""";

    @Test
    void maxAloneTakesTheDefaultKeyTtlAndHealthyTimeout() {
        AgentConfig config = AgentConfigTest.valid("{ consul: \"localhost:8500\", jobs: [{ " + SERVICE
                + ", rolling: { max: 1 } }] }");
        assertThat(config.jobs().getFirst().rolling()).contains(new RollingConfig(1, "autopilot/rolling/web",
                Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }

    @Test
    void everyKeyCanBeSet() {
        AgentConfig config = AgentConfigTest.valid("{ consul: \"localhost:8500\", jobs: [{ " + SERVICE
                + ", rolling: { max: 3, key: \"svc/rolling\", ttl: \"20s\", healthyTimeout: \"2m\" } }] }");
        assertThat(config.jobs().getFirst().rolling()).contains(new RollingConfig(3, "svc/rolling",
                Duration.ofSeconds(20), Duration.ofMinutes(2)));
    }

    @Test
    void badValuesAreProblemsNamingTheKey() {
        assertThat(AgentConfigTest.problems("{ consul: \"localhost:8500\", jobs: [{ " + SERVICE
                + ", rolling: { max: 0, key: \"svc/\", ttl: \"5s\", healthyTimeout: 0, wait: 1 } }] }"))
                .containsExactlyInAnyOrder(
                        "jobs[0] (name \"web\").rolling.max: 0 is out of range: must be from 1 to 1000 (app.json5:1)",
                        "jobs[0] (name \"web\").rolling.key: must be a Consul KV prefix such as"
                                + " \"my-service/rolling\", not \"svc/\" (app.json5:1)",
                        "jobs[0] (name \"web\").rolling.ttl: must be between 10s and 24h (Consul's limits for a"
                                + " session) (app.json5:1)",
                        "jobs[0] (name \"web\").rolling.healthyTimeout: must be positive (app.json5:1)",
                        "jobs[0] (name \"web\").rolling.wait: unknown key (app.json5:1)");
        assertThat(AgentConfigTest.problems("{ consul: \"localhost:8500\", jobs: [{ " + SERVICE
                + ", rolling: {} }] }")).containsExactly("jobs[0] (name \"web\").rolling.max: is required: how many"
                        + " instances of the service may restart at once (app.json5:1)");
    }

    @Test
    void rollingNeedsAServiceWithACheckAndConsul() {
        assertThat(AgentConfigTest.problems("""
                { jobs: [{ name: "plain", exec: "true", rolling: { max: 1 } },
                         { name: "unchecked", exec: "true", port: 80, health: { interval: 5, ttl: 15 },
                           rolling: { max: 1 } }] }""")).contains(
                "jobs[0] (name \"plain\").rolling: needs \"port\" and a health check (health.exec, http or tcp): a"
                        + " restarted instance gives its slot up once it is healthy again, which only its check can"
                        + " tell (app.json5:1)",
                "jobs[1] (name \"unchecked\").rolling: needs \"port\" and a health check (health.exec, http or"
                        + " tcp): a restarted instance gives its slot up once it is healthy again, which only its"
                        + " check can tell (app.json5:3)",
                "consul: is required: job \"plain\" has \"rolling\", a semaphore in Consul (app.json5:1)");
    }
}
