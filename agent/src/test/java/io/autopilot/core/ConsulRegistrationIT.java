package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.process.Child;
import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.ExitStatus;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.autopilot.process.Spawner;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent and a real Consul: what another container sees in the catalog. The agent is spawned with our own
 * spawner, not {@link PackagedAgent}'s {@code ProcessBuilder}: the Consul fixture already runs our reaper in this
 * JVM, and beside it the JDK's would lose the agent's exit code (DESIGN §3).
 */
@RealConsul
class ConsulRegistrationIT {
    @TempDir
    Path dir;

    @Test
    void aJobWithAPortIsInTheCatalogWhileItRunsAndGoneAfterSigterm(ConsulAgent consul) throws Exception {
        Path config = Files.writeString(dir.resolve("web.json5"), """
                {
                  consul: "%s",
                  jobs: [{
                    name: "web",
                    exec: ["sh", "-c", "echo web ready; exec sleep 60"],
                    port: 8080,
                    interfaces: ["static:127.0.0.1"],
                    tags: ["blue"],
                    health: { exec: "true", interval: 1, ttl: 10 },
                  }],
                }
                """.formatted(consul.httpAddress()));
        List<String> lines = new CopyOnWriteArrayList<>();
        var request = SpawnRequest.of(List.of(PackagedAgent.LAUNCHER.toString(), "-config", config.toString()),
                ChildEnvironment.fromAgent()).withStdout(Output.lines(lines::add)).withStderr(Output.lines(lines::add));
        Child agent = ((SpawnResult.Started) Spawner.system().spawn(request)).child();
        String id = "web-" + Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();

        Eventually.until(() -> catalog(consul).size() == 1, () -> "web in the catalog; agent output " + lines);
        JsonObject entry = catalog(consul).getJsonObject(0);
        assertThat(entry.getString("ServiceID")).isEqualTo(id);
        assertThat(entry.getString("ServiceAddress")).isEqualTo("127.0.0.1");
        assertThat(entry.getInteger("ServicePort")).isEqualTo(8080);
        assertThat(entry.getJsonArray("ServiceTags").stream().map(String::valueOf).toList()).containsExactly("blue");
        Eventually.until(() -> consul.api().agentCheck("service:" + id).map(c -> c.getString("Status"))
                .filter("passing"::equals).isPresent(), () -> "its check passing");

        // To the agent alone, as a container runtime sends it; its process group would also reach the job directly.
        ProcessHandle.of(agent.pid()).orElseThrow().destroy();

        ExitStatus exit = agent.exit().get(30, TimeUnit.SECONDS);
        assertThat(exit.containerExitCode()).as("exit code; output %s", lines).isEqualTo(143);
        assertThat(catalog(consul)).as("deregistered by the time the agent has exited").isEmpty();
        assertThat(String.join("\n", lines)).containsSubsequence(
                "registering service " + id + ": its check passed", "shutting down: received SIGTERM",
                "deregistering service " + id + ": its job is stopping", "stopped: exit 143");
    }

    private static JsonArray catalog(ConsulAgent consul) {
        return consul.api().get("/v1/catalog/service/web").array();
    }
}
