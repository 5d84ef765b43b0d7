package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.decode.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event graph's warnings, as the load reports them: jobs that can never start, triggers on events their source
 * never publishes, jobs whose {@code each} triggers loop; and none for the configurations that work.
 */
class GraphWarningsTest {
    @TempDir
    Path dir;

    private List<String> warnings(String json5) throws IOException, ConfigException {
        Path file = Files.writeString(dir.resolve("app.json5"), json5);
        return new ConfigLoader(Map.of()).load(file).warnings().stream().map(Problem::toString)
                .map(text -> text.replace(file.toString(), "app.json5")).toList();
    }

    @Test
    void aOnceHealthyOnAJobWithoutAHealthCheckCanNeverStart() throws Exception {
        assertThat(warnings("""
                { jobs: [
                    { name: "db", exec: "sleep 60" },
                    { name: "app", exec: "true",
                      when: { source: "db", once: "healthy" } },
                ] }
                """)).containsExactly("jobs[1] (name \"app\").when.once: job \"app\" can never start: \"db\" never"
                + " publishes healthy: job \"db\" has no health check, so it never publishes healthy (app.json5:4)");
    }

    @Test
    void twoJobsThatOnlyWaitForEachOtherNeverStartAndNeitherDoesWhatWaitsForThem() throws Exception {
        assertThat(warnings("""
                { jobs: [
                    { name: "a", exec: "true", when: { source: "b", once: "exitSuccess" } },
                    { name: "b", exec: "true", when: { source: "a", once: "exitSuccess" } },
                    { name: "c", exec: "true", when: { source: "a", each: "exitFailed" } },
                ] }
                """)).containsExactly(
                "jobs[0] (name \"a\").when.once: job \"a\" can never start: \"b\" never publishes exitSuccess: job"
                        + " \"b\" never starts (app.json5:2)",
                "jobs[1] (name \"b\").when.once: job \"b\" can never start: \"a\" never publishes exitSuccess: job"
                        + " \"a\" never starts (app.json5:3)",
                "jobs[2] (name \"c\").when.each: job \"c\" can never start: \"a\" never publishes exitFailed: job"
                        + " \"a\" never starts (app.json5:4)");
    }

    @Test
    void eventsASourceNeverPublishesAreNamedWithWhy() throws Exception {
        assertThat(warnings("""
                { consul: "localhost:8500",
                  watches: [{ name: "db", interval: 5 }],
                  jobs: [
                    { name: "hook", exec: "true", when: { source: "watch.db", once: "exitSuccess" } },
                    { name: "any", exec: "true", when: { source: ["global", "watch.db"], each: "changed" } },
                    { name: "idle", when: { source: "hook", once: "exitSuccess" } },
                    { name: "after", exec: "true", when: { source: "idle", once: "exitSuccess" } },
                ] }
                """)).containsExactly(
                "jobs[0] (name \"hook\").when.once: job \"hook\" can never start: \"watch.db\" never publishes"
                        + " exitSuccess: a watch publishes only changed, healthy and unhealthy (app.json5:4)",
                "jobs[1] (name \"any\").when.each: \"global\" never publishes changed: the agent publishes only"
                        + " startup, enterMaintenance and exitMaintenance as \"global\" (only its other sources can"
                        + " start it) (app.json5:5)",
                "jobs[2] (name \"idle\").when.once: job \"idle\" can never start: \"hook\" never publishes"
                        + " exitSuccess: job \"hook\" never starts (app.json5:6)",
                "jobs[3] (name \"after\").when.once: job \"after\" can never start: \"idle\" never publishes"
                        + " exitSuccess: job \"idle\" has no exec, so it publishes no exits (app.json5:7)");
    }

    @Test
    void jobsThatStartEachOtherOnEveryRunCanLoop() throws Exception {
        assertThat(warnings("""
                { jobs: [
                    { name: "seed", exec: "true" },
                    { name: "ping", exec: "true", when: { source: ["seed", "pong"], each: "exitSuccess" } },
                    { name: "pong", exec: "true", when: { source: "ping", each: "exitSuccess" } },
                ] }
                """)).containsExactly("jobs[1] (name \"ping\").when.each: jobs \"ping\", \"pong\" start one another"
                + " on every run (\"ping\" on each exitSuccess of \"seed\" or \"pong\", \"pong\" on each exitSuccess"
                + " of \"ping\"): once one of them runs, they can run one after another for as long as the agent does"
                + " (app.json5:3)");
    }

    @Test
    void onceTriggersAndStopHooksDoNotLoop() throws Exception {
        assertThat(warnings("""
                { jobs: [
                    { name: "app", exec: "sleep 60", when: { source: "hook", once: "exitSuccess" } },
                    { name: "hook", exec: "true", when: { source: "app", each: "stopping" } },
                    { name: "seed", exec: "true", when: { source: "app", once: "exitSuccess" } },
                    { name: "other", exec: "true", when: { source: "seed", once: "exitSuccess" } },
                ] }
                """)).isEmpty();
    }

    @Test
    void theExamplesGiveNoWarning() throws Exception {
        Map<String, String> environment = Map.of("CONSUL", "consul:8500", "REDIS_PORT", "6379");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Path.of("..", "examples"))) {
            files = walk.filter(path -> path.toString().endsWith(".json5")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(4);
        for (Path file : files) {
            assertThat(new ConfigLoader(environment).load(file).warnings()).as(file.toString()).isEmpty();
        }
        for (String name : List.of("consul-agent", "database-config", "nginx-upstreams", "periodic-tasks",
                "service-reg-only")) {
            Path file = Path.of(getClass().getResource("examples/" + name + ".json5").toURI());
            assertThat(new ConfigLoader(environment).load(file).warnings()).as(name).isEmpty();
        }
    }
}
