package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.process.Child;
import io.autopilot.process.ChildEnvironment;
import io.autopilot.process.Output;
import io.autopilot.process.SpawnRequest;
import io.autopilot.process.SpawnResult;
import io.autopilot.process.Spawner;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.RealConsul;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent, with its own heap ({@code -Xmx32m} from {@code lib/jvm.options}), watching a service of 5,000
 * instances in a real Consul: about 8 MB of JSON per answer from a dev agent, which writes it indented. Decoded
 * whole, that answer ran the agent out of memory, and the watch never queried again.
 */
@RealConsul
class BigCatalogIT {
    private static final int INSTANCES = 5_000;

    @TempDir
    Path dir;

    @Test
    void aWatchOfFiveThousandInstancesSeesTheServiceAndEachChangeWithinTheAgentsHeap(ConsulAgent consul)
            throws Exception {
        consul.api().registerInstances("big", INSTANCES);
        Path runs = dir.resolve("runs");
        Path config = Files.writeString(dir.resolve("big.json5"), """
                {
                  consul: "%s",
                  control: { socket: "%s" },
                  jobs: [{
                    name: "on-change",
                    exec: ["sh", "-c", "echo changed >> %s"],
                    when: { source: "watch.big", each: "changed" },
                  }],
                  watches: [{ name: "big", interval: 5 }],
                }
                """.formatted(consul.httpAddress(), dir.resolve("control.sock"), runs));
        List<String> lines = new CopyOnWriteArrayList<>();
        var request = SpawnRequest.of(List.of(PackagedAgent.LAUNCHER.toString(), "-config", config.toString()),
                ChildEnvironment.fromAgent()).withStdout(Output.lines(lines::add)).withStderr(Output.lines(lines::add));
        Child agent = ((SpawnResult.Started) Spawner.system().spawn(request)).child();

        Eventually.until(() -> runs(runs) == 1, Duration.ofSeconds(60), () -> "the job ran for the first result;"
                + " agent output " + lines);
        consul.api().registerTtlService("big-extra", "big", 9999, "passing");
        Eventually.until(() -> runs(runs) == 2, Duration.ofSeconds(30), () -> "the job ran for the change;"
                + " agent output " + lines);

        ProcessHandle.of(agent.pid()).orElseThrow().destroy();
        agent.exit().get(30, TimeUnit.SECONDS);
        assertThat(lines).as("the agent's output").noneMatch(line -> line.contains("OutOfMemoryError")
                || line.contains("failed"));
    }

    private static long runs(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
