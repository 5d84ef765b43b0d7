package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.events.Event;
import io.autopilot.events.WatchChange;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code CONTAINERPILOT_<JOB>_PID} and {@code _IP}, as ContainerPilot's test_envvars checks them. */
class SpawnEnvironmentTest {

    @Test
    void theVariableIsTheJobNameUpperCasedWithOtherCharactersAsUnderscores() {
        assertThat(SpawnEnvironment.variable("testpid")).isEqualTo("CONTAINERPILOT_TESTPID_PID");
        assertThat(SpawnEnvironment.variable("my-app.v2")).isEqualTo("CONTAINERPILOT_MY_APP_V2_PID");
    }

    @Test
    void eachSpawnSeesTheAgentEnvironmentAsItIsNowPlusTheRunningJobs() {
        var agent = new java.util.HashMap<>(Map.of("A", "1"));
        var environment = new SpawnEnvironment(() -> Map.copyOf(agent));
        environment.running("web", 42);
        agent.put("B", "2");

        assertThat(environment.forSpawn()).containsExactlyInAnyOrderEntriesOf(
                Map.of("A", "1", "B", "2", "CONTAINERPILOT_WEB_PID", "42"));
        environment.exited("web", 41);
        assertThat(environment.forSpawn()).as("an older run's exit").containsKey("CONTAINERPILOT_WEB_PID");
        environment.exited("web", 42);
        assertThat(environment.forSpawn()).doesNotContainKey("CONTAINERPILOT_WEB_PID");
    }

    @Test
    void anotherJobsChildSeesThePidWhileTheJobRunsAndNotAfter() throws Exception {
        try (var fixture = JobFixture.started("""
                { consul: 'localhost:8500', watches: [{ name: 'db', interval: 1 }],
                  jobs: [{ name: 'testpid', exec: 'sleep 30' },
                         { name: 'testenvvar', exec: ['sh', '-c', 'echo "pid=$CONTAINERPILOT_TESTPID_PID"'],
                           when: { source: 'watch.db', each: 'changed' } }] }""")) {
            int pid = fixture.awaitRunning("testpid");
            fixture.bus.publish(new Event.Changed("watch.db"));
            fixture.trace.await(e -> e instanceof Event.ExitSuccess s && s.source().equals("testenvvar"), 1);
            fixture.job("testpid").kill();
            fixture.awaitEnd("testpid");
            fixture.bus.publish(new Event.Changed("watch.db"));
            fixture.trace.await(e -> e instanceof Event.ExitSuccess s && s.source().equals("testenvvar"), 2);

            assertThat(fixture.log.messages("job", "testenvvar")).containsExactly("pid=" + pid, "pid=");
            assertThat(System.getenv()).doesNotContainKey("CONTAINERPILOT_TESTPID_PID");
        }
    }

    @Test
    void childrenSeeTheAddressOfEveryRegisteredJob() throws Exception {
        try (var fixture = JobFixture.started("""
                { consul: 'localhost:8500', jobs: [{ name: 'web-1', exec: 'sleep 30', port: 80, interfaces: ['static:10.1.2.3'],
                           health: { interval: 5, ttl: 10 } },
                         { name: 'show', exec: ['sh', '-c', 'echo "ip=$CONTAINERPILOT_WEB_1_IP"'] }] }""")) {
            fixture.awaitEnd("show");

            assertThat(fixture.log.messages("job", "show")).containsExactly("ip=10.1.2.3");
        }
    }

    @Test
    void aRunStartedByAWatchChangeSeesTheInstancesAndWhatChangedAndOtherRunsDoNot() throws Exception {
        try (var fixture = JobFixture.started("""
                { consul: 'localhost:8500', watches: [{ name: 'db', interval: 1 }],
                  jobs: [{ name: 'reconfigure', when: { source: 'watch.db', each: 'changed' },
                           exec: ['sh', '-c', 'echo "$CONTAINERPILOT_WATCH_SOURCE $CONTAINERPILOT_WATCH_INSTANCES \\
                $CONTAINERPILOT_WATCH_ADDED $CONTAINERPILOT_WATCH_REMOVED"'] },
                         { name: 'other', exec: ['sh', '-c', 'echo "[${CONTAINERPILOT_WATCH_INSTANCES-unset}]"'] }] }""")) {
            fixture.awaitEnd("other");
            fixture.bus.publish(new Event.Changed("watch.db", new WatchChange("[{\"ID\":\"db-1\"},{\"ID\":\"db-2\"}]",
                    "[{\"ID\":\"db-2\"}]", "[{\"ID\":\"db-0\"}]")));
            fixture.trace.await(e -> e instanceof Event.ExitSuccess s && s.source().equals("reconfigure"), 1);

            assertThat(fixture.log.messages("job", "reconfigure")).containsExactly(
                    "watch.db [{\"ID\":\"db-1\"},{\"ID\":\"db-2\"}] [{\"ID\":\"db-2\"}] [{\"ID\":\"db-0\"}]");
            assertThat(fixture.log.messages("job", "other")).containsExactly("[unset]");
        }
    }

    @Test
    void onlyAChangedEventCarriesWatchVariables() {
        assertThat(SpawnEnvironment.ofTrigger(new Event.Healthy("watch.db"))).isEmpty();
        assertThat(SpawnEnvironment.ofTrigger(new Event.Changed("watch.db"))).containsEntry(
                SpawnEnvironment.WATCH_SOURCE, "watch.db").containsEntry(SpawnEnvironment.WATCH_INSTANCES, "[]");
    }
}
