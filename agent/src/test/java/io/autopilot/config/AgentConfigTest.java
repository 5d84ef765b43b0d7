package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.decode.Problem;
import io.autopilot.decode.Problems;
import io.autopilot.discovery.CheckStatus;
import io.autopilot.discovery.InterfaceSpec;
import io.autopilot.events.EventCode;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.RestartPolicy;
import io.autopilot.jobs.Trigger;
import io.autopilot.logging.LoggingConfig;
import io.autopilot.telemetry.MetricType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** Decoding and validation of whole configurations, from JSON5 text to records or problems. */
class AgentConfigTest {

    static AgentConfig valid(String json5) {
        Problems problems = new Problems();
        Optional<AgentConfig> config = AgentConfig.decode(Json5Parser.parse(json5, "app.json5",
                IntUnaryOperator.identity()), problems);
        assertThat(problems.list()).as("problems").isEmpty();
        return config.orElseThrow();
    }

    static List<String> problems(String json5) {
        Problems problems = new Problems();
        AgentConfig.decode(Json5Parser.parse(json5, "app.json5", IntUnaryOperator.identity()), problems);
        return problems.list().stream().map(Problem::toString).toList();
    }

    @Test
    void anEmptyConfigIsPureSupervisionWithContainerPilotsDefaults() {
        AgentConfig config = valid("{}");
        assertThat(config.consul()).isEmpty();
        assertThat(config.jobs()).isEmpty();
        assertThat(config.logging()).isEqualTo(LoggingConfig.DEFAULT);
        assertThat(config.control().socket()).isEqualTo("/var/run/containerpilot.socket");
        assertThat(config.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.telemetry()).isEmpty();
    }

    @Test
    void timeoutsAndIntervalsShorterThanAMillisecondAreNamed() {
        assertThat(problems("""
                { jobs: [{ name: "a", exec: "a", timeout: "500us", when: { timeout: "10us", once: "startup" },
                           health: { exec: "true", interval: 1, ttl: 5, timeout: "999us" } },
                         { name: "b", exec: "b", when: { interval: "1us" } }] }
                """)).containsExactlyInAnyOrder(
                "jobs[0] (name \"a\").timeout: must be at least 1ms (app.json5:1)",
                "jobs[0] (name \"a\").when.timeout: must be at least 1ms (app.json5:1)",
                "jobs[0] (name \"a\").health.timeout: must be at least 1ms (app.json5:2)",
                "jobs[1] (name \"b\").when.interval: must be at least 1ms (app.json5:3)");
    }

    @Test
    void aRegisteredJobDecodesEveryField() {
        JobConfig job = valid("""
                {
                  consul: "https://consul.local:8501",
                  jobs: [{
                    name: "web",
                    exec: "/bin/web --port 80 'a b'",
                    port: "80",
                    initial_status: "warning",
                    interfaces: ["eth0.100", "static:10.0.0.5"],
                    tags: "blue",
                    consul: { enableTagOverride: true },
                    health: { exec: ["curl", "-f", "localhost"], interval: 5, ttl: "10", timeout: "2s" },
                    restarts: "3",
                    stopTimeout: "10s",
                    logging: { raw: true },
                  }],
                }
                """).jobs().getFirst();
        assertThat(job.name()).isEqualTo("web");
        assertThat(job.exec()).containsExactly("/bin/web", "--port", "80", "a b");
        assertThat(job.restarts()).isEqualTo(new RestartPolicy.Limited(3));
        assertThat(job.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(job.raw()).isTrue();
        assertThat(job.when().trigger()).isEqualTo(Trigger.STARTUP);
        var service = job.service().orElseThrow();
        assertThat(service.port()).isEqualTo(80);
        assertThat(service.tags()).containsExactly("blue");
        assertThat(service.initialStatus()).contains(CheckStatus.WARNING);
        assertThat(service.interfaces()).extracting(InterfaceSpec::toString)
                .containsExactly("eth0.100:inet", "static:10.0.0.5");
        assertThat(service.enableTagOverride()).isTrue();
        assertThat(service.deregisterCriticalServiceAfter()).isEmpty();
        var health = job.health().orElseThrow();
        assertThat(health.exec()).containsExactly("curl", "-f", "localhost");
        assertThat(health.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(health.ttl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(health.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void periodicJobsRestartWithoutLimitAndAreBoundedByTheirInterval() {
        JobConfig job = valid("{ jobs: [{ name: 'tick', exec: 'date', when: { interval: '500ms' } }] }")
                .jobs().getFirst();
        assertThat(job.when().trigger()).isEqualTo(new Trigger.Periodic(Duration.ofMillis(500)));
        assertThat(job.restarts()).isEqualTo(RestartPolicy.UNLIMITED);
        assertThat(job.timeout()).contains(Duration.ofMillis(500));
    }

    @Test
    void eventTriggersSignalsAndTimeoutsDecode() {
        AgentConfig config = valid("""
                {
                  jobs: [
                    { name: "db", exec: "db" },
                    { name: "app", exec: "app", when: { source: "db", once: "healthy", timeout: "60s" },
                      restarts: "unlimited" },
                    { name: "reload", exec: "reload", when: { source: "SIGHUP" } },
                    { name: "pre-stop", exec: "drain", when: { source: "app", each: "stopping" } },
                  ],
                }
                """);
        assertThat(config.jobs().get(1).when().trigger()).isEqualTo(
                new Trigger.OnEvent("db", EventCode.HEALTHY, false));
        assertThat(config.jobs().get(1).when().timeout()).contains(Duration.ofSeconds(60));
        assertThat(config.jobs().get(1).restarts()).isEqualTo(RestartPolicy.UNLIMITED);
        assertThat(config.jobs().get(2).when().trigger()).isEqualTo(new Trigger.OnSignal("SIGHUP"));
        assertThat(config.jobs().get(3).when().trigger()).isEqualTo(
                new Trigger.OnEvent("app", EventCode.STOPPING, true));
    }

    @Test
    void everyProblemIsReportedAtOnceWithPathAndLine() {
        assertThat(problems("""
                { consul: "localhost:8500",
                  jobs: [
                    {
                      name: "web",
                      port: 80,
                      health: { interval: 0, tll: 10 },
                    },
                  ],
                  logging: { level: "loud" },
                }
                """)).containsExactly(
                "jobs[0] (name \"web\").health.interval: must be > 0 (app.json5:6)",
                "jobs[0] (name \"web\").health.ttl: is required (app.json5:6)",
                "jobs[0] (name \"web\").health.tll: unknown key (did you mean \"ttl\"?) (app.json5:6)",
                "logging.level: must be one of panic, fatal, error, warn, info, debug; not \"loud\" (app.json5:9)");
    }

    @Test
    void aRegisteredJobNeedsHealthAndAServiceName() {
        assertThat(problems("{ consul: 'c:8500', jobs: [{ name: 'Web_1', port: 80 }] }")).containsExactly(
                "jobs[0] (name \"Web_1\").name: \"Web_1\" cannot be a Consul service name: it must start with a"
                        + " lower-case letter and contain only letters, digits and '-' (at least 2 characters)"
                        + " (app.json5:1)",
                "jobs[0] (name \"Web_1\").health: is required when \"port\" is set: Consul learns the service is"
                        + " alive from it (app.json5:1)");
    }

    @Test
    void anUnregisteredJobNameMayBeAnything() {
        assertThat(valid("{ jobs: [{ name: 'job 1', exec: 'true' }] }").jobs().getFirst().name()).isEqualTo("job 1");
    }

    @Test
    void whenRulesAreContainerPilotsAndThenSome() {
        assertThat(problems("{ jobs: [{ name: 'a', when: { interval: '1s', each: 'healthy', source: 'a' } }] }"))
                .containsExactly("jobs[0] (name \"a\").when: can have only one of \"interval\", \"once\" or \"each\""
                        + " (app.json5:1)");
        assertThat(problems("{ jobs: [{ name: 'a', when: { source: 'b', once: 'healthy' } }, { name: 'bb' }] }"))
                .containsExactly("jobs[0] (name \"a\").when.source: \"b\" is not an event source: name a job,"
                        + " \"check.<job>\", \"watch.<name>\", \"global\", \"SIGHUP\" or \"SIGUSR2\" (did you mean"
                        + " \"bb\"?) (app.json5:1)");
        assertThat(problems("{ jobs: [{ name: 'a', when: { source: 'global' } }] }")).containsExactly(
                "jobs[0] (name \"a\").when: needs \"once\" or \"each\" with \"source\": without either the job never"
                        + " starts (app.json5:1)");
        assertThat(problems("{ jobs: [{ name: 'a', when: { source: 'global', once: 'shutdown' } }] }"))
                .containsExactly("jobs[0] (name \"a\").when.once: \"shutdown\" cannot start a job (app.json5:1)");
        assertThat(problems("{ jobs: [{ name: 'a', when: { source: 'global', each: 'helthy' } }] }")).singleElement()
                .asString().startsWith("jobs[0] (name \"a\").when.each: \"helthy\" is not an event; one of startup,");
        assertThat(problems("{ jobs: [{ name: 'a', when: { source: 'a', each: 'exitFailed' }, restarts: "
                + "'unlimited' }] }")).containsExactly("jobs[0] (name \"a\").restarts: cannot be \"unlimited\" with"
                + " \"when.each\": the job would restart after every run and also start on every event"
                + " (app.json5:1)");
    }

    @Test
    void checksAndWatchesAreEventSources() {
        AgentConfig config = valid("""
                { consul: "localhost:8500",
                  watches: [{ name: "db", interval: 3 }],
                  jobs: [
                    { name: "app", exec: "app", health: { exec: "true", interval: 1 } },
                    { name: "on-db", exec: "reconfigure", when: { source: "watch.db", each: "changed" } },
                    { name: "on-check", exec: "alert", when: { source: "check.app", each: "exitFailed" } },
                  ],
                }
                """);
        assertThat(config.watches().getFirst().interval()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.jobs()).hasSize(3);
        assertThat(problems("{ jobs: [{ name: 'x', when: { source: 'check.x', each: 'exitFailed' } }] }"))
                .singleElement().asString().contains("\"check.x\" is not an event source");
    }

    @Test
    void restartsAcceptContainerPilotsFormsOnly() {
        assertThat(valid("{ jobs: [{ name: 'a', restarts: 'never' }] }").jobs().getFirst().restarts())
                .isEqualTo(RestartPolicy.NEVER);
        assertThat(valid("{ jobs: [{ name: 'a', restarts: 0 }] }").jobs().getFirst().restarts())
                .isEqualTo(RestartPolicy.NEVER);
        assertThat(problems("{ jobs: [{ name: 'a', restarts: -1 }] }")).containsExactly(
                "jobs[0] (name \"a\").restarts: must be a whole number >= 0, \"unlimited\" or \"never\", not -1"
                        + " (app.json5:1)");
        assertThat(problems("{ jobs: [{ name: 'a', restarts: 1.5 }] }")).singleElement().asString()
                .contains("not 1.5");
    }

    @Test
    void execMistakesAreCaught() {
        assertThat(problems("{ jobs: [{ name: 'a', exec: 'consul info | grep leader' }] }")).singleElement()
                .asString().contains("\"|\" would be passed to the program as an argument");
        assertThat(problems("{ jobs: [{ name: 'a', exec: '' }] }")).containsExactly(
                "jobs[0] (name \"a\").exec: must name a program to run (app.json5:1)");
        assertThat(problems("{ jobs: [{ name: 'a', exec: ['app', 3] }] }")).isEmpty();
        assertThat(problems("{ jobs: [{ name: 'a', exec: ['app', {}] }] }")).containsExactly(
                "jobs[0] (name \"a\").exec[1]: must be a string, not an object (app.json5:1)");
    }

    @Test
    void namesMustBeUniqueAndTelemetryReservesItsOwn() {
        assertThat(problems("{ jobs: [{ name: 'a' }, { name: 'a' }] }")).containsExactly(
                "jobs[1] (name \"a\").name: \"a\" is already the name of jobs[0] (app.json5:1)");
        assertThat(problems("{ telemetry: {}, jobs: [{ name: 'containerpilot' }] }")).singleElement().asString()
                .contains("is taken by the telemetry endpoint");
    }

    @Test
    void consulTakesBothForms() {
        var uri = valid("{ consul: 'https://c:8501' }").consul().orElseThrow();
        assertThat(uri.address()).contains("c:8501");
        assertThat(uri.scheme()).contains("https");
        var object = valid("{ consul: { address: 'c:8500', token: 's3cret', tls: { verify: false, cafile: '/ca' } } }")
                .consul().orElseThrow();
        assertThat(object.token()).contains("s3cret");
        assertThat(object.tls().verify()).isFalse();
        assertThat(object.toString()).doesNotContain("s3cret");
        assertThat(valid("{ consul: 'c:8500' }").consul().orElseThrow().tls().verify()).isTrue();
        assertThat(problems("{ consul: 'ftp://c:1' }")).containsExactly(
                "consul: scheme must be http:// or https://, not ftp:// (app.json5:1)");
        assertThat(problems("{ consul: 'c:99999' }")).singleElement().asString().contains("is not a port number");
    }

    @Test
    void telemetryMetricsDecodeAndAreChecked() {
        var telemetry = valid("""
                { telemetry: { port: 9091, tags: ['x'], metrics: [
                    { namespace: 'app', subsystem: 'web', name: 'hits', help: 'Hits.', type: 'counter' },
                    { name: 'load', type: 'gauge' },
                ] } }
                """).telemetry().orElseThrow();
        assertThat(telemetry.port()).isEqualTo(9091);
        assertThat(telemetry.metrics().getFirst().fullName()).isEqualTo("app_web_hits");
        assertThat(telemetry.metrics().get(1).fullName()).isEqualTo("load");
        assertThat(telemetry.metrics().get(1).type()).isEqualTo(MetricType.GAUGE);
        assertThat(problems("{ telemetry: { metrics: [{ name: 'x', type: 'meter' }] } }")).containsExactly(
                "telemetry.metrics[0] (name \"x\").type: \"meter\" is not a metric type; one of counter, gauge,"
                        + " histogram, summary (app.json5:1)");
        assertThat(problems("{ telemetry: { metrics: [{ name: '1x', type: 'gauge' }] } }")).singleElement()
                .asString().contains("is not a Prometheus metric name");
    }

    @Test
    void telemetryTextfilesIsAnOptionalFolder() {
        assertThat(valid("{ telemetry: {} }").telemetry().orElseThrow().textfiles()).isEmpty();
        assertThat(valid("{ telemetry: { textfiles: '/var/run/metrics' } }").telemetry().orElseThrow().textfiles())
                .hasValue(Path.of("/var/run/metrics"));
        assertThat(problems("{ telemetry: { textfiles: ' ' } }")).containsExactly(
                "telemetry.textfiles: must be a folder's path (app.json5:1)");
    }

    @Test
    void stopTimeoutFollowsContainerPilotsZeroAndNegativeRules() {
        assertThat(valid("{ stopTimeout: 0 }").stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(valid("{ stopTimeout: -1 }").stopTimeout()).isEqualTo(Duration.ZERO);
        assertThat(valid("{ stopTimeout: '1500ms' }").stopTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void wrongKindsNameWhatWasExpected() {
        assertThat(problems("{ jobs: {} }")).containsExactly("jobs: must be an array, not an object (app.json5:1)");
        assertThat(problems("{ jobs: [{ name: 'a', port: 'http' }] }")).containsExactly(
                "jobs[0] (name \"a\").port: must be a whole number, not a string \"http\" (app.json5:1)");
        assertThat(problems("[]")).containsExactly("app.json5:1:1: must be an object, not an array");
    }

    @Test
    void badInterfaceSpecsArePlacedAtTheirElement() {
        assertThat(problems("{ consul: 'c:8500', jobs: [{ name: 'ab', port: 1, health: { interval: 1, ttl: 2 },\n"
                + " interfaces: ['eth0', 'eth0:inet7'] }] }")).singleElement().asString()
                .startsWith("jobs[0] (name \"ab\").interfaces[1]: \"eth0:inet7\" is not an interface spec")
                .endsWith("(app.json5:2)");
    }

    @Test
    void reloadOnNamesTheSignalThatReloadsAndIsAbsentByDefault() {
        assertThat(valid("{}").reloadOn()).isEmpty();
        assertThat(valid("{reloadOn: \"SIGHUP\"}").reloadOn()).contains("SIGHUP");
        assertThat(problems("{reloadOn: \"SIGTERM\"}"))
                .containsExactly("reloadOn: must be \"SIGHUP\" or \"SIGUSR2\" (app.json5:1)");
    }

    @Test
    void aJobCannotStartOnTheSignalThatReloads() {
        assertThat(problems("""
                {
                  reloadOn: "SIGHUP",
                  jobs: [{name: "on-hup", exec: "true", when: {source: "SIGHUP"}},
                         {name: "on-usr2", exec: "true", when: {source: "SIGUSR2"}}]
                }"""))
                .containsExactly("reloadOn: SIGHUP reloads the configuration, so job \"on-hup\" cannot also start on"
                        + " it (its when.source) (app.json5:2)");
    }

    @Test
    void aPortOrAWatchWithoutConsulIsAProblemNamingIt() {
        assertThat(problems("""
                { jobs: [{ name: 'web', port: 80, health: { interval: 1, ttl: 2 } }],
                  watches: [{ name: 'db', interval: 1 }] }""")).containsExactly(
                "consul: is required: job \"web\" has a \"port\", so it is registered in Consul (app.json5:1)",
                "consul: is required: watch \"db\" follows Consul (app.json5:1)");
    }

    @Test
    void idMetaKeyAndTokenFileAreDecoded() {
        AgentConfig config = valid("""
                { consul: { address: 'c:8500', tokenFile: '/run/secrets/token' },
                  jobs: [{ name: 'web', port: 80, id: 'web-a', meta: { version: '2', weight: 3 },
                           health: { interval: 1, ttl: 2 } }],
                  watches: [{ name: 'flags', key: 'app/flags/', interval: 1 }] }""");
        var service = config.jobs().getFirst().service().orElseThrow();
        assertThat(service.id()).contains("web-a");
        assertThat(service.meta()).containsExactlyInAnyOrderEntriesOf(Map.of("version", "2", "weight", "3"));
        assertThat(config.consul().orElseThrow().tokenFile()).contains("/run/secrets/token");
        assertThat(config.watches().getFirst().key()).contains("app/flags/");
        assertThat(problems("{ consul: 'c:8500', jobs: [{ name: 'web', port: 80, health: { interval: 1, ttl: 2 },"
                + " meta: { 'consul-x': 'y' } }] }")).singleElement().asString()
                .startsWith("jobs[0] (name \"web\").meta.consul-x: is not a Consul meta key");
    }
}
