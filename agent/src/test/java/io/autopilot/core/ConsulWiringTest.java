package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigLoader;
import io.autopilot.discovery.consul.ConsulSettings;
import io.autopilot.events.Event;
import io.autopilot.services.RegistrationState;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.RecordingLog;
import io.autopilot.testing.consul.ConsulAgent;
import io.autopilot.testing.consul.OwnConnections;
import io.autopilot.testing.consul.TestConsul;
import io.autopilot.testing.consul.RealConsul;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent with its Consul components, as {@link Init} wires them, against a real Consul. */
@RealConsul
class ConsulWiringTest {
    private static final ConsulSettings FAST = TestConsul.FAST_CLIENT;

    @TempDir
    Path dir;

    @Test
    void aRegisteredJobsWatchTriggersAJobThatSeesItAndMaintenanceAndTermTakeItAway(ConsulAgent consul)
            throws Exception {
        Path seen = dir.resolve("added.json");
        AgentConfig config = load("""
                { consul: '%s',
                  jobs: [
                    { name: 'backend', exec: 'sleep 60', port: 8080, id: 'backend-wired', interfaces: 'static:10.9.8.7',
                      meta: { version: '7' }, health: { exec: 'true', interval: 1, ttl: 10 } },
                    { name: 'on-change', when: { source: 'watch.backend', each: 'changed' },
                      exec: ['sh', '-c', 'printf %%s "$CONTAINERPILOT_WATCH_ADDED" > %s'] },
                  ],
                  watches: [{ name: 'backend', interval: 1 }] }
                """.formatted(consul.httpAddress(), seen));
        RecordingLog log = new RecordingLog();
        var consulParts = new ConsulComponents(Map.of(), "host", FAST, log, Clock.systemUTC());
        AgentRun run = AgentRun.reloading(config, ConfigSource.NONE, consulParts).start();

        Eventually.until(() -> Files.exists(seen) && !read(seen).isEmpty(), () -> "on-change ran; " + run.log.messages);
        JsonObject added = new JsonArray(read(seen)).getJsonObject(0);
        assertThat(added.getString("ID")).isEqualTo("backend-wired");
        assertThat(added.getString("Address")).isEqualTo("10.9.8.7");
        assertThat(added.getInteger("Port")).isEqualTo(8080);
        assertThat(added.getJsonObject("Meta").getMap()).containsEntry("version", "7");
        assertThat(consulParts.registrations()).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED));
        assertThat(consulParts.watches()).singleElement().satisfies(w -> assertThat(w.instances()).isEqualTo(1));

        run.agent.services().bus().publish(new Event.EnterMaintenance());
        Eventually.until(() -> consul.api().agentService("backend-wired").isEmpty(), () -> "gone for maintenance");
        run.agent.services().bus().publish(new Event.ExitMaintenance());
        Eventually.until(() -> consul.api().agentService("backend-wired").isPresent(), () -> "back after it");

        run.agent.signal("TERM");

        run.exitCode();
        assertThat(consul.api().agentService("backend-wired")).as("deregistered when the agent exits").isEmpty();
        assertThat(log.messages).contains("backend: registering service backend-wired: its check passed",
                "backend: deregistering service backend-wired: its job is stopping");
    }

    @Test
    void telemetryIsRegisteredAsContainerpilotAndCountsTheWatchsInstances(ConsulAgent consul) throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        consul.api().registerTtlService("db-1", "db", 5432, "passing");
        AgentConfig config = load("""
                { consul: '%s',
                  jobs: [{ name: 'app', exec: 'sleep 60' }],
                  watches: [{ name: 'db', interval: 1 }],
                  telemetry: { port: %d, interfaces: 'static:127.0.0.1', tags: ['blue'] } }
                """.formatted(consul.httpAddress(), port));
        RecordingLog log = new RecordingLog();
        var consulParts = new ConsulComponents(Map.of(), "host", FAST, log, Clock.systemUTC());
        AgentRun run = AgentRun.reloading(config, ConfigSource.NONE,
                Init.components(java.util.Optional.empty(), consulParts)).start();

        Eventually.until(() -> consul.api().agentCheck("service:containerpilot-host")
                .filter(check -> "passing".equals(check.getString("Status"))).isPresent(),
                () -> "containerpilot registered and passing; " + run.log.messages);
        JsonObject service = consul.api().agentService("containerpilot-host").orElseThrow();
        assertThat(service.getString("Address")).isEqualTo("127.0.0.1");
        assertThat(service.getInteger("Port")).isEqualTo(port);
        assertThat(service.getJsonArray("Tags").stream().map(String::valueOf).toList()).startsWith("blue");
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                + "/metrics")).build();
        Eventually.until(() -> {
            try {
                return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body()
                        .contains("containerpilot_watch_instances{service=\"db\"} 1");
            } catch (java.io.IOException | InterruptedException e) {
                return false;
            }
        }, () -> "the watch's instances on /metrics");

        run.agent.signal("TERM");

        run.exitCode();
        assertThat(consul.api().agentService("containerpilot-host")).as("deregistered when the agent exits").isEmpty();
    }

    @Test
    void aJobWaitsForItsTemplatesFirstRenderAndIsSignalledWhenTheFileChanges(ConsulAgent consul) throws Exception {
        consul.api().registerTtlService("app-1", "app", 9001, "passing");
        Path rendered = dir.resolve("out/upstreams.conf");
        Path seen = dir.resolve("seen.txt");
        Files.writeString(dir.resolve("upstreams.tmpl"), "{{ range service \"app\" }}{{ .Port }} {{ end }}\n");
        AgentConfig config = load("""
                { consul: '%s',
                  jobs: [{ name: 'proxy', when: { source: 'template.upstreams', once: 'rendered' },
                           exec: ['sh', '-c', 'cat %s > %s; trap "cat %s >> %s" HUP; while :; do sleep 0.05; done'] }],
                  templates: [{ name: 'upstreams', source: 'upstreams.tmpl', destination: 'out/upstreams.conf',
                                signal: { job: 'proxy', signal: 'SIGHUP' } }] }
                """.formatted(consul.httpAddress(), rendered, seen, rendered, seen));
        var consulParts = new ConsulComponents(Map.of(), "host", FAST, new RecordingLog(), Clock.systemUTC());
        AgentRun run = AgentRun.reloading(config, ConfigSource.NONE, Init.components(Optional.empty(), consulParts))
                .start();

        Eventually.until(() -> read(seen).equals("9001 \n"), () -> "the proxy started on the first render: "
                + read(seen) + "; " + run.log.messages);
        consul.api().registerTtlService("app-2", "app", 9002, "passing");
        Eventually.until(() -> read(seen).equals("9001 \n9001 9002 \n"), () -> "the proxy read the new file on"
                + " SIGHUP: " + read(seen) + "; " + run.log.messages);

        run.agent.signal("TERM");
        run.exitCode();
        assertThat(run.log.messages).contains("rendered " + rendered, "SIGHUP to proxy: ACCEPTED");
    }

    @Test
    void aWatchAndATemplateAddedByAReloadStartAtOnce(ConsulAgent consul) throws Exception {
        consul.api().registerTtlService("late-1", "late", 9101, "passing");
        Path seen = dir.resolve("late.txt");
        Path rendered = dir.resolve("late.conf");
        String before = "{ consul: '%s', jobs: [{ name: 'idle', exec: 'sleep 60' }] }".formatted(consul.httpAddress());
        String after = """
                { consul: '%s',
                  jobs: [{ name: 'idle', exec: 'sleep 60' },
                         { name: 'on-change', when: { source: 'watch.late', each: 'changed' },
                           exec: ['sh', '-c', 'echo changed > %s'] }],
                  watches: [{ name: 'late', interval: 1 }],
                  templates: [{ name: 'late', contents: '[[ range service "late" ]][[ .Port ]][[ end ]]',
                                leftDelimiter: '[[', rightDelimiter: ']]', destination: '%s' }] }
                """.formatted(consul.httpAddress(), seen, rendered);
        Path file = Files.writeString(dir.resolve("config.json5"), before);
        var loader = new ConfigLoader(Map.of());
        var consulParts = new ConsulComponents(Map.of(), "host", FAST, new RecordingLog(), Clock.systemUTC());
        AgentRun run = AgentRun.reloading(loader.load(file), environment -> loader.load(file),
                Init.components(Optional.empty(), consulParts)).start();

        Files.writeString(file, after);
        assertThat(run.agent.reload().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS))
                .isInstanceOf(ReloadResult.Applied.class);

        Eventually.until(() -> read(seen).equals("changed\n"), () -> "the new watch queried: " + run.log.messages);
        Eventually.until(() -> read(rendered).equals("9101"), () -> "the new template rendered: "
                + run.log.messages);
        run.agent.signal("TERM");
        run.exitCode();
    }

    /**
     * Each watch, template and the registrations once opened a client of its own, with a pool of its own: the agent's
     * connections to Consul grew with its configuration. Now they share one budget: 64 for blocking queries, 4 for the
     * registrations.
     */
    @Test
    void watchesTemplatesAndRegistrationsShareABoundedSetOfConnections(ConsulAgent consul) throws Exception {
        int watchCount = 70;
        StringBuilder watches = new StringBuilder();
        for (int i = 0; i < watchCount; i++) {
            watches.append("{ name: 'idle-").append(i).append("', interval: 1 },");
        }
        AgentConfig config = load("""
                { consul: '%s',
                  jobs: [{ name: 'backend', exec: 'sleep 60', port: 8080, interfaces: 'static:10.9.8.7',
                           health: { exec: 'true', interval: 1, ttl: 10 } }],
                  watches: [%s],
                  templates: [{ name: 'upstreams', contents: '[[ range service "backend" ]][[ .Port ]][[ end ]]',
                                leftDelimiter: '[[', rightDelimiter: ']]', destination: '%s' }] }
                """.formatted(consul.httpAddress(), watches, dir.resolve("upstreams.conf")));
        var consulParts = new ConsulComponents(Map.of(), "host", FAST, new RecordingLog(), Clock.systemUTC());
        AgentRun run = AgentRun.reloading(config, ConfigSource.NONE, Init.components(Optional.empty(), consulParts))
                .start();
        int consulPort = consul.ports().http();

        Eventually.until(() -> read(dir.resolve("upstreams.conf")).equals("8080"), () -> "the template rendered the"
                + " registered backend; " + run.log.messages);
        Eventually.until(() -> consulParts.watches().stream().filter(w -> w.results()).count() >= 60,
                () -> "most watches answered; connections: " + OwnConnections.to(consulPort));
        Eventually.holdsFor(Duration.ofSeconds(2), () -> OwnConnections.to(consulPort) <= 64 + 4,
                () -> "at most 64 + 4 connections to Consul: " + OwnConnections.to(consulPort));
        Eventually.until(() -> consulParts.watches().stream().allMatch(w -> w.results()), () -> "every watch"
                + " answered, the last ones once blocking queries made room");

        run.agent.signal("TERM");
        run.exitCode();
        Eventually.until(() -> OwnConnections.to(consulPort) == 0, () -> "every connection closed at the exit: "
                + OwnConnections.to(consulPort));
    }

    private AgentConfig load(String json5) throws Exception {
        Path file = Files.writeString(dir.resolve("config.json5"), json5);
        return new ConfigLoader(Map.of()).load(file);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
