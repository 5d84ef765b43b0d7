package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.discovery.LockConfig;
import io.autopilot.events.EventCode;
import io.autopilot.jobs.Trigger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code leader} block and a job's {@code lock}: their forms, defaults, Consul's limits, and what they need. */
class LockConfigTest {
    @Test
    void aKeyAloneTakesTheDefaultTimingAndJobsStartOnTheLeadersEvents() {
        AgentConfig config = AgentConfigTest.valid("""
                { consul: "localhost:8500", leader: "svc/leader",
                  jobs: [{ name: "lead", exec: "true", when: { source: "leader", each: "elected" } },
                         { name: "step", exec: "true", when: { source: "leader", once: "deposed" } }] }""");
        assertThat(config.leader()).contains(new LockConfig("svc/leader", Duration.ofSeconds(10),
                Duration.ofSeconds(5)));
        assertThat(config.jobs().getFirst().when().trigger())
                .isEqualTo(new Trigger.OnEvent(List.of("leader"), EventCode.ELECTED, true, Trigger.Match.ANY));
    }

    @Test
    void theObjectFormSetsTheSessionsTimingForALeaderAndAJobsLock() {
        AgentConfig config = AgentConfigTest.valid("""
                { consul: "localhost:8500", leader: { key: "svc/leader", ttl: "15s", lockDelay: 0 },
                  jobs: [{ name: "join", exec: "true", lock: { key: "svc/lock", ttl: 20, lockDelay: "1s" } }] }""");
        assertThat(config.leader()).contains(new LockConfig("svc/leader", Duration.ofSeconds(15), Duration.ZERO));
        assertThat(config.jobs().getFirst().lock()).contains(new LockConfig("svc/lock", Duration.ofSeconds(20),
                Duration.ofSeconds(1)));
    }

    @Test
    void timingsOutsideConsulsLimitsAndKeysThatAreNoKeysAreProblemsNamingTheKey() {
        assertThat(AgentConfigTest.problems("""
                { consul: "localhost:8500", leader: { key: "/svc", ttl: "5s", lockDelay: "61s", wait: 1 },
                  jobs: [{ name: "join", exec: "true", lock: " " }] }""")).containsExactlyInAnyOrder(
                "leader.key: must be a Consul KV key such as \"my-service/leader\", not \"/svc\" (app.json5:1)",
                "leader.ttl: must be between 10s and 24h (Consul's limits for a session) (app.json5:1)",
                "leader.lockDelay: must be between 0s and 60s (Consul's limits for a session) (app.json5:1)",
                "leader.wait: unknown key (app.json5:1)",
                "jobs[0] (name \"join\").lock: must be a Consul KV key such as \"my-service/leader\", not \" \""
                        + " (app.json5:2)");
    }

    @Test
    void aLeaderOrALockNeedsConsulALockNeedsExecAndNoJobMayBeNamedLeader() {
        assertThat(AgentConfigTest.problems("""
                { leader: "svc/leader",
                  jobs: [{ name: "leader", exec: "true" }, { name: "registers", lock: "svc/lock" }] }"""))
                .containsExactlyInAnyOrder(
                        "jobs: the job name \"leader\" is the source of the leader election's events when"
                                + " \"leader\" is set (app.json5:2)",
                        "jobs[1] (name \"registers\").lock: needs \"exec\": the lock is held while the job's process"
                                + " runs (app.json5:2)",
                        "consul: is required: job \"registers\" has a \"lock\", which is a lock in Consul"
                                + " (app.json5:1)",
                        "consul: is required: \"leader\" is a lock in Consul (app.json5:1)");
    }

    @Test
    void withoutALeaderBlockLeaderIsNoSource() {
        assertThat(AgentConfigTest.problems("""
                { jobs: [{ name: "lead", exec: "true", when: { source: "leader", each: "elected" } }] }"""))
                .singleElement().asString()
                .startsWith("jobs[0] (name \"lead\").when.source: \"leader\" is not an event source");
    }
}
