package io.autopilot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.autopilot.events.Event;
import io.autopilot.process.ChildEnvironment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A job's {@code user}, {@code group}, {@code passEnv} and {@code env}, seen in its real process. */
class LeastPrivilegeTest {
    private static final String TOKEN = "CONSUL_HTTP_TOKEN";

    @Test
    void aJobWithUserNobodyRunsAsNobodyWithItsHomeAndName() throws Exception {
        needsRoot();
        try (var fixture = JobFixture.started("{ jobs: [{ name: 'app', exec: 'sleep 30', user: 'nobody' }] }")) {
            int pid = fixture.awaitRunning("app");

            assertThat(status(pid)).contains("Uid:\t65534\t65534\t65534\t65534", "Gid:\t65534\t65534\t65534\t65534",
                    "Groups:\t65534 ", "CapEff:\t0000000000000000");
            assertThat(environ(pid)).contains("HOME=/nonexistent", "USER=nobody", "LOGNAME=nobody");
        }
    }

    @Test
    void numericIdsNeedNoEntryInTheUserDatabase() throws Exception {
        needsRoot();
        try (var fixture = JobFixture.started(
                "{ jobs: [{ name: 'app', exec: 'sleep 30', user: 4321, group: '4322' }] }")) {
            int pid = fixture.awaitRunning("app");

            assertThat(status(pid)).contains("Uid:\t4321\t4321\t4321\t4321", "Gid:\t4322\t4322\t4322\t4322",
                    "Groups:\t4322 ");
            assertThat(environ(pid)).contains("HOME=/", "USER=4321");
        }
    }

    @Test
    void theHealthCheckRunsAsTheJobsUserWithTheJobsEnvironment() throws Exception {
        needsRoot();
        String config = """
                { jobs: [{ name: 'web', exec: 'sleep 30', user: 'nobody', group: 'nogroup', passEnv: 'PATH',
                           health: { interval: '1h', exec: ['sh', '-c',
                               'echo "$(id -u):$(id -g) $USER ${CONSUL_HTTP_TOKEN-none}"; exit 1'] } }] }""";
        try (var fixture = JobFixture.started(config, agentWithToken())) {
            Event unhealthy = fixture.trace.awaitOne(e -> e instanceof Event.Unhealthy);

            assertThat(unhealthy).isEqualTo(new Event.Unhealthy("web", "65534:65534 nobody none"));
        }
    }

    @Test
    void aTokenOfTheAgentReachesOnlyTheJobsThatPassIt() throws Exception {
        try (var fixture = JobFixture.started("""
                { jobs: [{ name: 'open', exec: 'sleep 30' },
                         { name: 'closed', exec: 'sleep 30', passEnv: ['PATH'], env: { GREETING: 'hello', N: 3 } },
                         { name: 'consul', exec: 'sleep 30', passEnv: ['PATH', 'CONSUL_*'] }] }""",
                agentWithToken())) {
            List<String> open = environ(fixture.awaitRunning("open"));
            List<String> closed = environ(fixture.awaitRunning("closed"));
            List<String> consul = environ(fixture.awaitRunning("consul"));

            assertThat(open).contains(TOKEN + "=s3cr3t-token", "UNRELATED=yes");
            assertThat(closed).noneMatch(v -> v.startsWith(TOKEN + "=") || v.startsWith("UNRELATED="))
                    .contains("GREETING=hello", "N=3", "PATH=" + System.getenv("PATH"));
            assertThat(consul).contains(TOKEN + "=s3cr3t-token").noneMatch(v -> v.startsWith("UNRELATED="));
        }
    }

    @Test
    void anUnknownUserIsAConfigurationErrorNamingTheJobAndTheUser() {
        assertThatThrownBy(() -> JobFixture.parse("{ jobs: [{ name: 'app', exec: 'true', user: 'no-such-user' }] }"))
                .hasMessageContaining("jobs[0] (name \"app\").user: no user \"no-such-user\" in /etc/passwd");
        assertThatThrownBy(() -> JobFixture.parse(
                "{ jobs: [{ name: 'app', exec: 'true', user: 'nobody', group: 'no-such-group' }] }"))
                .hasMessageContaining("jobs[0] (name \"app\").group: no group \"no-such-group\" in /etc/group");
        assertThatThrownBy(() -> JobFixture.parse("{ jobs: [{ name: 'app', exec: 'true', user: 4321 }] }"))
                .hasMessageContaining("jobs[0] (name \"app\").user: user 4321 is not in /etc/passwd, so its group is"
                        + " unknown");
        assertThatThrownBy(() -> JobFixture.parse("{ jobs: [{ name: 'app', exec: 'true', group: 'nogroup' }] }"))
                .hasMessageContaining("jobs[0] (name \"app\").group: needs \"user\"");
    }

    @Test
    void malformedEnvironmentKeysAreNamedWithTheirPath() {
        assertThatThrownBy(() -> JobFixture.parse("{ jobs: [{ name: 'app', exec: 'true', env: { 'A=B': 'x' } }] }"))
                .hasMessageContaining("jobs[0] (name \"app\").env.A=B: is not a variable name");
        assertThatThrownBy(() -> JobFixture.parse("{ jobs: [{ name: 'app', exec: 'true', env: { C: [1] } }] }"))
                .hasMessageContaining("jobs[0] (name \"app\").env.C: must be a string");
        assertThatThrownBy(() -> JobFixture.parse("{ jobs: [{ name: 'app', exec: 'true', passEnv: ['PA*TH'] }] }"))
                .hasMessageContaining("jobs[0] (name \"app\").passEnv: 'PA*TH' is not a variable name");
    }

    private static void needsRoot() {
        assumeThat(status((int) ProcessHandle.current().pid())).as("switching users needs root")
                .contains("Uid:\t0\t0\t0\t0");
    }

    private static Map<String, String> agentWithToken() {
        var environment = new TreeMap<>(ChildEnvironment.fromAgent());
        environment.put(TOKEN, "s3cr3t-token");
        environment.put("UNRELATED", "yes");
        return environment;
    }

    private static List<String> status(int pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status"));
        } catch (IOException e) {
            throw new AssertionError("no process " + pid, e);
        }
    }

    private static List<String> environ(int pid) throws IOException {
        String all = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8);
        return Arrays.asList(all.split("\0"));
    }
}
