package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.decode.Problem;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.RestartPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Configuration files written the way ContainerPilot 3 users write them (Go templates over the environment with
 * {@code default}, {@code loop}, {@code split}; JSON5 in a {@code .json} file; weakly typed values; stop hooks,
 * signals, watches, sensors, TLS) load unchanged, with the environment their images set and with none; and the two
 * mistakes ContainerPilot loaded silently, a {@code when.source} naming nothing and a shell pipe in a string
 * {@code exec}, are errors naming the file, the line and the key.
 */
class ContainerPilot3StyleConfigsTest {
    /** What the images of these files set; every file must also load with none of it (the templates' defaults). */
    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("CONSUL", "consul.service.consul"), Map.entry("LOG_LEVEL", "DEBUG"), Map.entry("PORT", "8081"),
            Map.entry("VERSION", "1.4.2"), Map.entry("WORKERS", "5"), Map.entry("TAGS", "api,v3,canary"),
            Map.entry("SERVICE_NAME", "queue_api"), Map.entry("HOSTNAME", "web-7.example.com"),
            Map.entry("CONSUL_TOKEN", "s3cr3t-token"), Map.entry("ES_CLUSTER", "logs"), Map.entry("RESTARTS", "7"));

    private static Path folder() {
        try {
            return Path.of(ContainerPilot3StyleConfigsTest.class.getResource("containerpilot3-style").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AgentConfig load(String name, Map<String, String> environment) throws ConfigException {
        return new ConfigLoader(environment).load(folder().resolve(name));
    }

    private static JobConfig job(AgentConfig config, String name) {
        return config.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    @TestFactory
    Stream<DynamicTest> everyFileLoadsWithItsImagesEnvironmentAndWithNone() {
        assertThat(files()).hasSizeGreaterThanOrEqualTo(8);
        return files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            assertThat(new ConfigLoader(ENVIRONMENT).load(file).jobs()).isNotEmpty();
            assertThat(new ConfigLoader(Map.of()).load(file).jobs()).isNotEmpty();
        }));
    }

    @Test
    void templatesMakeTheJobsTheEnvironmentAsksFor() throws ConfigException {
        AgentConfig defaults = load("templated-workers.json5", Map.of());
        assertThat(defaults.jobs()).extracting(JobConfig::name)
                .containsExactly("worker-1", "worker-2", "queue-api");
        assertThat(job(defaults, "queue-api").service().orElseThrow().tags()).containsExactly("api", "v2");

        AgentConfig configured = load("templated-workers.json5", ENVIRONMENT);
        assertThat(configured.jobs()).extracting(JobConfig::name)
                .containsExactly("worker-1", "worker-2", "worker-3", "worker-4", "queue-api");
        JobConfig api = job(configured, "queue-api");
        assertThat(api.service().orElseThrow().port()).isEqualTo(8081);
        assertThat(api.service().orElseThrow().tags()).containsExactly("api", "v3", "canary");
        assertThat(api.exec()).containsExactly("/usr/local/bin/api", "--port", "8081", "--queues", "jobs:mail",
                "--node", "web-7-example-com");
        // The rendered text, as Go's text/template writes it.
        assertThat(new ConfigLoader(ENVIRONMENT).render(folder().resolve("templated-workers.json5")))
                .contains("      name: \"queue-api\",\n", "      tags: [\"api\", \"v3\", \"canary\"],\n",
                        "      name: \"worker-4\",\n")
                .doesNotContain("worker-5", "sidecar");
    }

    @Test
    void aJson5FileNamedJsonKeepsItsCommentsAndTemplatedJobs() throws ConfigException {
        assertThat(load("mysql.json", Map.of()).jobs()).extracting(JobConfig::name)
                .containsExactly("preStart", "mysql", "onChange", "snapshot-check");
        AgentConfig withAgent = load("mysql.json", Map.of("CONSUL_AGENT", "1"));
        assertThat(withAgent.jobs()).extracting(JobConfig::name).contains("consul-agent");
        assertThat(job(withAgent, "snapshot-check").timeout()).contains(Duration.ofMinutes(10));
    }

    @Test
    void looseValuesReadAsContainerPilotReadThem() throws ConfigException {
        AgentConfig config = load("loose-values.json5", ENVIRONMENT);
        JobConfig web = job(config, "web");
        assertThat(web.service().orElseThrow().port()).isEqualTo(8081);
        assertThat(web.restarts()).isEqualTo(new RestartPolicy.Limited(7));
        assertThat(web.service().orElseThrow().tags()).containsExactly("web");
        assertThat(web.health().orElseThrow().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(web.health().orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aWhenSourceThatNamesNothingIsAnErrorWithItsLineAndTheNearestSource() {
        assertOnlyProblem("source-typo.json5", 14, "jobs[1] (name \"onchange-backend\").when.source: \"watch.backnd\""
                + " is not an event source: name a job, \"check.<job>\", \"watch.<name>\", \"global\", \"SIGHUP\" or"
                + " \"SIGUSR2\" (did you mean \"watch.backend\"?)");
    }

    @Test
    void aShellPipeInAStringExecIsAnErrorWithItsLine() {
        assertOnlyProblem("shell-pipe-in-exec.json5", 11, "jobs[0] (name \"consul-agent\").health.exec: \"|\" would"
                + " be passed to the program as an argument: no shell runs the command; write [\"sh\", \"-c\", \"...\"]"
                + " for pipes, redirection or ;");
    }

    /** The file of {@code invalid/} fails to load with this one problem, at this line. */
    private static void assertOnlyProblem(String name, int line, String problem) {
        Path file = folder().resolve("invalid").resolve(name);
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file)).isInstanceOfSatisfying(ConfigException.class,
                e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactly(problem + " (" + file + ":" + line + ")"));
    }
}
