package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent's {@code -plan} over the real examples: text that names their jobs and what starts them, and
 * DOT that Graphviz's {@code dot} (Debian's package, which {@code scripts/test.sh} installs) turns into SVG.
 */
class PlanIT {
    private static final Path DOT = Path.of("/usr/bin/dot");
    private static final List<String> CONFIGS = List.of("../examples/node/app/autopilot.json5",
            "../examples/node/nginx/autopilot.json5", "../examples/supervision/app.json5",
            "../examples/redis-cluster/redis.json5", "../examples/couchbase/autopilot.json5");

    @Test
    void thePlanOfTheNodeExampleSaysWhatStartsNginx() throws Exception {
        PackagedAgent.ClientRun plan = PackagedAgent.client(Path.of(CONFIGS.get(1)), Map.of(), "-plan");
        assertThat(plan.code()).isZero();
        assertThat(plan.out()).contains("template \"nginx\" (\"template.nginx\"): publishes rendered, renderFailed\n"
                + "  rendered starts job \"nginx\" (once)\n"
                + "  a changed file sends SIGHUP to job \"nginx\"\n").doesNotContain("warning:", "never start");
    }

    @Test
    void theAgentLogsTheConfigurationsWarningsWhenItStarts(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("warned.json5"), """
                { control: { socket: "%s" },
                  jobs: [
                    { name: "db", exec: ["sleep", "60"] },
                    { name: "app", exec: "true", when: { source: "db", once: "healthy" } },
                  ] }
                """.formatted(dir.resolve("control.sock")));
        PackagedAgent agent = PackagedAgent.start("-config", config.toString());
        try {
            agent.awaitLine("configuration: jobs[1] (name \"app\").when.once: job \"app\" can never start: \"db\""
                    + " never publishes healthy");
        } finally {
            agent.terminate();
            agent.exitCode();
        }
    }

    @Test
    void everyExamplesDotIsAGraphDotDraws() throws Exception {
        assumeTrue(Files.isExecutable(DOT), "needs Graphviz's dot");
        for (String config : CONFIGS) {
            PackagedAgent.ClientRun plan = PackagedAgent.client(Path.of(config), Map.of(), "-plan=dot");
            assertThat(plan.code()).as(config).isZero();
            assertThat(plan.out()).as(config).startsWith("digraph autopilot {");
            Process dot = new ProcessBuilder(DOT.toString(), "-Tsvg").redirectErrorStream(true).start();
            dot.getOutputStream().write(plan.out().getBytes(StandardCharsets.UTF_8));
            dot.getOutputStream().close();
            String svg = new String(dot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(dot.waitFor(PackagedAgent.TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
            assertThat(dot.exitValue()).as(config + ": " + svg).isZero();
            assertThat(svg).as(config).contains("<svg");
        }
    }

    @Test
    void theCommittedPicturesAreOfTheExamplesAsTheyAre() throws IOException, InterruptedException {
        for (String container : List.of("app", "nginx")) {
            String svg = Files.readString(Path.of("../docs/plan-node-" + container + ".svg"));
            PackagedAgent.ClientRun plan = PackagedAgent.client(
                    Path.of("../examples/node/" + container + "/autopilot.json5"), Map.of(), "-plan");
            for (String line : plan.out().lines().filter(l -> l.startsWith("job ")).toList()) {
                String job = line.substring("job \"".length(), line.indexOf('"', "job \"".length()));
                assertThat(svg).as(container + " picture has job " + job).contains(">" + job + "</text>");
            }
        }
    }
}
