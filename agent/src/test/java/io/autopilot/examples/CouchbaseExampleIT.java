package io.autopilot.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.decode.GoDuration;
import io.autopilot.events.EventCode;
import io.autopilot.health.HttpCheckConfig;
import io.autopilot.jobs.GiveUpAction;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.RestartPolicy;
import io.autopilot.jobs.Trigger;
import io.autopilot.testing.Eventually;
import io.autopilot.testing.Repository;
import io.autopilot.testing.consul.ConsulApi;
import io.autopilot.testing.docker.Compose;
import io.autopilot.testing.docker.ContainerTest;
import io.autopilot.testing.docker.Docker;
import io.autopilot.testing.docker.HostCommand;
import io.autopilot.testing.docker.Images;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/couchbase}: a Couchbase cluster that assembles itself. Couchbase Server cannot run on the build
 * machine, so what is checked here without Docker is only what can be checked honestly: the agent configuration
 * loads with the packaged agent and its event graph is the intended one, {@code manage.sh} passes
 * {@code shellcheck}, {@code docker-compose.yml} is valid, and the Dockerfile ships what the configuration runs.
 * Whether the cluster really assembles is proved only by {@link #threeNodesAssembleIntoOneClusterAndOneLeaves}, which
 * builds the image and runs it as real Couchbase Server containers; where Couchbase's image cannot be had (no
 * registry) it is skipped, saying so. No fake Couchbase stands in for it. What runs without Couchbase Server runs for
 * real in {@link #withoutCouchbaseServerTheAgentsPartRunsUnderComposeAndSaysWhatIsMissing}: the image built on plain
 * Debian, the compose file brought up with it, the agent as PID 1 of the node.
 */
class CouchbaseExampleIT {
    private static final Path ROOT = Repository.root();
    private static final Path EXAMPLE = ROOT.resolve("examples/couchbase");
    private static final Path CONFIG = EXAMPLE.resolve("autopilot.json5");
    private static final Path DIST = Path.of(System.getProperty("autopilot.dist", "target/autopilot"));
    private static final String MANAGE = "/usr/local/bin/manage.sh";

    /** The environment docker-compose.yml gives the couchbase service with nothing set on the host. */
    private static final Map<String, String> COMPOSE_ENVIRONMENT = orderedMap(
            "CONSUL", "consul:8500",
            "COUCHBASE_USER", "Administrator",
            "COUCHBASE_PASS", "password",
            "COUCHBASE_SERVICES", "data,index,query",
            "COUCHBASE_RAMSIZE", "256",
            "COUCHBASE_INDEX_RAMSIZE", "256",
            "COUCHBASE_CLUSTER_NAME", "autopilot");

    /** Host variables that docker-compose.yml reads: unset for the checks, so its defaults are what is checked. */
    private static final List<String> COMPOSE_INPUTS = List.of("CONSUL_UI_PORT", "COUCHBASE_USER", "COUCHBASE_PASS",
            "COUCHBASE_SERVICES", "COUCHBASE_RAMSIZE", "COUCHBASE_INDEX_RAMSIZE", "COUCHBASE_CLUSTER_NAME",
            "COMPOSE_PROJECT_NAME", "COMPOSE_FILE", "COUCHBASE_IMAGE", "CONSUL_IMAGE", "COUCHBASE_NOFILE");

    /** Couchbase Server's image, the Dockerfile's default base. */
    private static final String COUCHBASE_IMAGE = "couchbase/server:community-7.2.4";

    @TempDir
    Path dir;

    // --- the configuration ---------------------------------------------------------------------------------------

    @Test
    void theConfigValidatesWithThePackagedAgentInTheComposeEnvironment() throws Exception {
        HostCommand.Result result = run(EXAMPLE, COMPOSE_ENVIRONMENT, Duration.ofSeconds(60),
                DIST.resolve("bin/autopilot").toString(), "-validate", "-config", CONFIG.toString());

        assertThat(result.code()).as("autopilot -validate: %s", result).isZero();
        assertThat(result.out()).contains("valid: 4 jobs, 1 service, 0 watches, consul consul:8500");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void theEventGraphRunsServerThenSetupThenRegistrationAndLeavesBeforeTheServerStops() throws ConfigException {
        AgentConfig config = load();
        assertThat(config.jobs()).extracting(JobConfig::name)
                .containsExactlyInAnyOrder("couchbase-server", "setup", "couchbase", "leave");
        assertThat(config.watches()).isEmpty();
        assertThat(config.consul()).isPresent();

        // The server starts with the agent and is the main job; its HTTP check only tells that the REST API answers.
        JobConfig server = job(config, "couchbase-server");
        assertThat(server.when().trigger()).isEqualTo(Trigger.STARTUP);
        assertThat(server.exec()).containsExactly(MANAGE, "start");
        assertThat(server.main()).isTrue();
        assertThat(server.restarts()).isEqualTo(RestartPolicy.UNLIMITED);
        assertThat(server.service()).as("the server job is not what others join through").isEmpty();
        assertThat(server.health().orElseThrow().check()).get().isInstanceOfSatisfying(HttpCheckConfig.class,
                http -> assertThat(http.url()).isEqualTo(URI.create("http://127.0.0.1:8091/ui/index.html")));

        // Setup runs once the REST API answers; a node that cannot join ends its container.
        JobConfig setup = job(config, "setup");
        assertThat(setup.when().trigger())
                .isEqualTo(new Trigger.OnEvent("couchbase-server", EventCode.HEALTHY, false));
        assertThat(setup.exec()).containsExactly(MANAGE, "setup");
        assertThat(setup.restarts()).isInstanceOf(RestartPolicy.Limited.class);
        assertThat(setup.onGiveUp()).isEqualTo(GiveUpAction.STOP);
        assertThat(setup.timeout()).isPresent();

        // The service is registered only after setup succeeded, and passes only while the node is an active member.
        JobConfig couchbase = job(config, "couchbase");
        assertThat(couchbase.when().trigger()).isEqualTo(new Trigger.OnEvent("setup", EventCode.EXIT_SUCCESS, false));
        assertThat(couchbase.exec()).as("registration only: the server runs in couchbase-server").isEmpty();
        assertThat(couchbase.service().orElseThrow().port()).isEqualTo(8091);
        assertThat(couchbase.health().orElseThrow().exec()).containsExactly(MANAGE, "health");
        assertThat(couchbase.health().orElseThrow().ttl()).isGreaterThan(couchbase.health().orElseThrow().interval());

        // Leaving is a pre-stop hook of the server: the server gets SIGTERM only after it, within the time bounds.
        JobConfig leave = job(config, "leave");
        assertThat(leave.when().trigger())
                .isEqualTo(new Trigger.OnEvent("couchbase-server", EventCode.STOPPING, false));
        assertThat(leave.exec()).containsExactly(MANAGE, "leave");
        assertThat(leave.timeout()).isPresent();
        assertThat(server.stopTimeout()).as("the server waits for leave as long as leave may run")
                .isGreaterThanOrEqualTo(leave.timeout().orElseThrow());
        assertThat(config.stopTimeout()).as("the agent's shutdown bound covers the server's wait for leave")
                .isGreaterThan(server.stopTimeout());
    }

    @Test
    void everyTriggerIsAnEventTheConfigProducesAndEveryJobIsReachedFromStartup() throws ConfigException {
        AgentConfig config = load();
        for (JobConfig job : config.jobs()) {
            if (job.when().trigger() instanceof Trigger.OnEvent(var sources, var event, _, _)) {
                for (String source : sources) {
                    assertThat(produces(config, source, event))
                            .as("job %s starts on %s from %s, which the config publishes", job.name(),
                                    event.configName(), source)
                            .isTrue();
                }
            }
        }
        assertThat(reachedFromStartup(config)).containsExactlyInAnyOrderElementsOf(
                config.jobs().stream().map(JobConfig::name).toList());
    }

    @Test
    void manageShAnswersEveryCommandTheConfigRunsAndNamesTheRegisteredService() throws Exception {
        AgentConfig config = load();
        String script = Files.readString(EXAMPLE.resolve("manage.sh"), StandardCharsets.UTF_8);
        List<List<String>> commands = new ArrayList<>();
        for (JobConfig job : config.jobs()) {
            commands.add(job.exec());
            job.health().ifPresent(health -> commands.add(health.exec()));
        }
        for (List<String> command : commands) {
            if (!command.isEmpty() && command.getFirst().equals(MANAGE)) {
                assertThat(command).hasSize(2);
                assertThat(script).as("manage.sh has a branch for %s", command.get(1))
                        .containsPattern("(?m)^  " + Pattern.quote(command.get(1)) + "\\) ");
            }
        }
        JobConfig registered = config.jobs().stream().filter(j -> j.service().isPresent()).findFirst().orElseThrow();
        assertThat(script).as("manage.sh looks up the service the config registers")
                .containsPattern("(?m)^SERVICE=" + Pattern.quote(registered.name()) + "\\b");
        String addressVariable = "CONTAINERPILOT_"
                + registered.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_IP";
        assertThat(script).as("manage.sh uses the address the agent registers").contains(addressVariable);
        assertThat(Files.isExecutable(EXAMPLE.resolve("manage.sh"))).as("manage.sh is executable").isTrue();
    }

    @Test
    void theImageShipsWhatTheConfigRunsAndStartsTheAgentOnIt() throws Exception {
        String dockerfile = Files.readString(EXAMPLE.resolve("Dockerfile"), StandardCharsets.UTF_8);
        List<String> ignore = Files.readAllLines(EXAMPLE.resolve("Dockerfile.dockerignore"), StandardCharsets.UTF_8);

        assertThat(dockerfile).as("a pinned Couchbase Server 7.x Community image, the default of a build argument")
                .containsPattern("(?m)^ARG COUCHBASE_IMAGE=" + Pattern.quote(COUCHBASE_IMAGE) + "$")
                .containsPattern("(?m)^FROM \\$\\{COUCHBASE_IMAGE}$");
        assertThat(COUCHBASE_IMAGE).matches("couchbase/server:community-7\\.\\d+\\.\\d+");
        assertThat(dockerfile).contains(
                "ENTRYPOINT [\"/opt/autopilot/bin/autopilot\", \"-config\", \"/etc/autopilot.json5\"]");
        Map<String, String> copies = new LinkedHashMap<>();
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(\\S+) (\\S+)$").matcher(dockerfile);
        while (copy.find()) {
            copies.put(copy.group(1), copy.group(2));
        }
        assertThat(copies).containsExactlyInAnyOrderEntriesOf(Map.of(
                "agent/target/autopilot", "/opt/autopilot",
                "examples/couchbase/manage.sh", MANAGE,
                "examples/couchbase/autopilot.json5", "/etc/autopilot.json5"));
        assertThat(dockerfile).as("the agent's folder brings its own Java runtime").doesNotContain("COPY --from")
                .doesNotContain("fit-aot-cache");
        for (String source : copies.keySet()) {
            assertThat(ignore).as("Dockerfile.dockerignore lets %s into the build context", source)
                    .contains("!" + source);
            assertThat(ROOT.resolve(source)).exists();
        }
    }

    // --- the tools ----------------------------------------------------------------------------------------------

    @Test
    void manageShPassesShellcheck() throws Exception {
        HostCommand.Result result = run(EXAMPLE, Map.of(), Duration.ofSeconds(60), tool("shellcheck", "shellcheck"),
                "manage.sh");

        assertThat(result.code()).as("shellcheck manage.sh:%n%s%s", result.out(), result.err()).isZero();
        assertThat(result.out()).isEmpty();
    }

    @Test
    void dockerComposeAcceptsTheComposeFileWithoutADockerDaemon() throws Exception {
        // A daemon address nobody answers on: the check must not need one.
        Map<String, String> environment = Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"));
        String compose = tool("docker-compose", "docker-compose");

        HostCommand.Result quiet = run(EXAMPLE, environment, Duration.ofSeconds(60), compose, "config", "-q");
        assertThat(quiet.code()).as("docker-compose config -q: %s", quiet).isZero();
        assertThat(quiet.out()).isEmpty();

        HostCommand.Result full = run(EXAMPLE, environment, Duration.ofSeconds(60), compose, "config");
        assertThat(full.code()).as("docker-compose config: %s", full).isZero();
        for (var variable : COMPOSE_ENVIRONMENT.entrySet()) {
            assertThat(full.out()).as("the couchbase service's environment").containsPattern("(?m)^\\s+"
                    + variable.getKey() + ": '?" + Pattern.quote(variable.getValue()) + "'?$");
        }
        assertThat(full.out()).contains("context: " + ROOT).contains("dockerfile: examples/couchbase/Dockerfile");
        Matcher grace = Pattern.compile("stop_grace_period: (\\S+)").matcher(full.out());
        assertThat(grace.find()).as("a stop_grace_period in %s", full.out()).isTrue();
        assertThat(GoDuration.parse(grace.group(1))).as("Docker waits longer than the agent's shutdown")
                .isGreaterThan(load().stopTimeout());
    }

    // --- the real thing, where there is Docker ------------------------------------------------------------------

    /**
     * Builds the image, starts Consul and three nodes, and waits until Consul lists three passing {@code couchbase}
     * instances and Couchbase lists three active nodes; then scales to two and waits until both say two: the third
     * node left through its pre-stop hook instead of being lost. Skipped where Couchbase Server's image is neither
     * here nor can be pulled, saying what the pull said.
     */
    @Test
    @ContainerTest
    void threeNodesAssembleIntoOneClusterAndOneLeaves() {
        if (Docker.imageId(COUCHBASE_IMAGE).isEmpty()) {
            HostCommand.Result pull = Docker.docker(Duration.ofMinutes(30), "pull", "-q", COUCHBASE_IMAGE);
            assumeTrue(pull.ok(), () -> "Couchbase Server's image " + COUCHBASE_IMAGE + " cannot be had here: docker"
                    + " pull said " + (pull.err() + pull.out()).strip().lines().findFirst().orElse("nothing"));
        }
        assertThat(DIST.resolve("bin/autopilot")).as("the packaged agent the image copies").exists();
        assertThat(ROOT.resolve("agent/target/autopilot")).as("the folder the Dockerfile copies").exists();

        try (Compose compose = new Compose(EXAMPLE, "autopilotcbit" + ProcessHandle.current().pid(),
                Map.of("CONSUL_UI_PORT", "", "COUCHBASE_IMAGE", COUCHBASE_IMAGE, "COUCHBASE_NOFILE", openFiles()),
                Duration.ofMinutes(2))) {
            compose.build("autopilot-example-couchbase");
            compose.ok(Duration.ofMinutes(10), "up", "-d", "--scale", "couchbase=3");
            Cluster cluster = new Cluster(compose);
            cluster.await(3, Duration.ofMinutes(10));

            compose.ok(Duration.ofMinutes(10), "up", "-d", "--scale", "couchbase=2");
            cluster.await(2, Duration.ofMinutes(5));
        }
    }

    /**
     * What runs of the example without Couchbase Server, for real: the Dockerfile built on plain Debian (its apt step,
     * the agent's folder, the configuration validated in the image), the compose file brought up with that image (an
     * extra compose file names it, so the example's own image name is left alone), the agent as the node's PID 1
     * starting the server job, which says what is missing and is restarted; the node reaching Consul by name on the
     * project's network and not registering (setup never ran); and {@code docker stop} running the leave hook, which
     * finds no cluster, and ending the container long before Docker's grace.
     */
    @Test
    @ContainerTest
    void withoutCouchbaseServerTheAgentsPartRunsUnderComposeAndSaysWhatIsMissing() throws IOException {
        String image = "autopilot-test-couchbase-standin";
        Docker.build(image, "examples/couchbase/Dockerfile", Map.of("COUCHBASE_IMAGE", Images.DEBIAN.image()));
        Path standIn = Files.writeString(dir.resolve("stand-in.yml"),
                "version: \"3.7\"\nservices:\n  couchbase:\n    image: " + image + "\n");
        try (Compose compose = new Compose(EXAMPLE, "autopilotcbstandin" + ProcessHandle.current().pid(),
                Map.of("CONSUL_UI_PORT", "", "COMPOSE_FILE", "docker-compose.yml:" + standIn,
                        "COUCHBASE_NOFILE", openFiles()),
                Duration.ofSeconds(60))) {
            compose.ok(Duration.ofMinutes(3), "up", "-d", "--no-build");
            String node = compose.containers("couchbase").getFirst();
            ConsulApi consul = ConsulApi.at("127.0.0.1:" + compose.port("consul", 8500));
            assertThat(compose.port("couchbase", 8091)).as("the console's port, on 127.0.0.1").isPositive();

            assertThat(Docker.exec(node, "cat", "/proc/1/cmdline").out()).as("PID 1 of the node")
                    .contains("/opt/autopilot/");
            Eventually.until(() -> restartsOfTheServerJob(node) >= 1, Duration.ofSeconds(60),
                    () -> "the agent restarts couchbase-server after it fails; its log:\n" + logs(node));
            assertThat(logs(node)).contains("manage.sh start: starting: /opt/couchbase is missing"
                    + " (is this the couchbase/server image?)");
            assertThat(Docker.exec(node, "curl", "-fsS", "http://consul:8500/v1/status/leader").out())
                    .as("Consul, by its name on the project's network").matches("(?s)\"[0-9.]+:8300\"\\s*");
            assertThat(consul.get("/v1/catalog/service/couchbase").array()).as("no setup, so no registration")
                    .isEmpty();

            long before = System.nanoTime();
            Docker.docker(Duration.ofMinutes(7), "stop", "-t", "390", node).orFail();
            assertThat(Duration.ofNanos(System.nanoTime() - before)).as("docker stop, against a 390 s grace")
                    .isLessThan(Duration.ofSeconds(30));
            assertThat(logs(node)).as("the leave hook ran").contains("this node is in no cluster: nothing to leave");
            assertThat(Docker.inspect(node, "{{.State.ExitCode}}")).as("the server job's last exit status")
                    .isEqualTo("1");
        } finally {
            Docker.docker(Docker.CALL, "image", "rm", image);
        }
    }

    /**
     * The open-files limit the node can get: the 70000 Couchbase asks for, or this machine's hard limit where that is
     * lower (a sandbox that cannot raise it), since a container cannot be given more than its host has.
     */
    private static String openFiles() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String hard = line.substring("Max open files".length()).strip().split("\\s+")[1];
                    return hard.equals("unlimited") || Long.parseLong(hard) >= 70000 ? "70000" : hard;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc limits: ask for the example's own
        }
        return "70000";
    }

    private static int restartsOfTheServerJob(String node) {
        HostCommand.Result status = Docker.exec(node, "/opt/autopilot/bin/autopilot", "-config",
                "/etc/autopilot.json5", "-status");
        if (!status.ok()) {
            return -1;
        }
        for (Object job : new JsonObject(status.out()).getJsonArray("jobs")) {
            if ("couchbase-server".equals(((JsonObject) job).getString("name"))) {
                return ((JsonObject) job).getInteger("restarts");
            }
        }
        return -1;
    }

    private static String logs(String container) {
        return String.join("\n", Docker.timestampedLogs(container));
    }

    /** The cluster as the first node sees it, asked from inside it (it has curl), at most every 2 s. */
    private static final class Cluster {
        private final Compose compose;
        private final AtomicReference<String> last = new AtomicReference<>("nothing yet");
        private long nextPoll;

        Cluster(Compose compose) {
            this.compose = compose;
        }

        /** Until Consul has {@code nodes} passing instances and Couchbase {@code nodes} active, healthy nodes. */
        void await(int nodes, Duration timeout) {
            Eventually.until(() -> clusterIs(nodes), timeout,
                    () -> nodes + " passing couchbase services in Consul and " + nodes
                            + " active nodes in /pools/default; last seen: " + last.get() + "\n" + compose.logs(60));
        }

        /** Runs a command in the first couchbase container; its output, or empty if it failed. */
        private Optional<String> inNode(String... command) {
            List<String> arguments = new ArrayList<>(List.of("exec", "-T", "--index=1", "couchbase"));
            arguments.addAll(List.of(command));
            HostCommand.Result result = compose.run(Duration.ofSeconds(30), arguments.toArray(String[]::new));
            return result.ok() ? Optional.of(result.out()) : Optional.empty();
        }

        private boolean clusterIs(int nodes) {
            // Each look costs a few docker exec calls: look again at most every 2 s.
            if (System.nanoTime() < nextPoll) {
                return false;
            }
            nextPoll = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            Optional<String> passing =
                    inNode("curl", "-fsS", "http://consul:8500/v1/health/service/couchbase?passing");
            Optional<String> pools = inNode("curl", "-fsS", "-u", "Administrator:password",
                    "http://127.0.0.1:8091/pools/default");
            if (passing.isEmpty() || pools.isEmpty()) {
                last.set("Consul answered " + passing.isPresent() + ", Couchbase answered " + pools.isPresent());
                return false;
            }
            List<String> services = new ArrayList<>();
            for (Object entry : new JsonArray(passing.get())) {
                JsonObject service = ((JsonObject) entry).getJsonObject("Service");
                services.add(service.getString("Address") + ":" + service.getInteger("Port"));
            }
            List<String> active = new ArrayList<>();
            List<String> others = new ArrayList<>();
            for (Object entry : new JsonObject(pools.get()).getJsonArray("nodes")) {
                JsonObject node = (JsonObject) entry;
                String description = node.getString("hostname") + " " + node.getString("clusterMembership") + " "
                        + node.getString("status");
                if ("active".equals(node.getString("clusterMembership"))
                        && "healthy".equals(node.getString("status"))) {
                    active.add(description);
                } else {
                    others.add(description);
                }
            }
            last.set("passing in Consul " + services + "; active " + active + "; other nodes " + others);
            return services.size() == nodes && active.size() == nodes && others.isEmpty();
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static AgentConfig load() throws ConfigException {
        return new ConfigLoader(COMPOSE_ENVIRONMENT).load(CONFIG);
    }

    private static JobConfig job(AgentConfig config, String name) {
        return config.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    /** Whether anything in {@code config} publishes {@code event} from {@code source}. */
    private static boolean produces(AgentConfig config, String source, EventCode event) {
        if (source.equals("global")) {
            return Set.of(EventCode.STARTUP, EventCode.ENTER_MAINTENANCE, EventCode.EXIT_MAINTENANCE).contains(event);
        }
        if (source.startsWith("watch.")) {
            String watch = source.substring("watch.".length());
            return config.watches().stream().anyMatch(w -> w.name().equals(watch))
                    && Set.of(EventCode.CHANGED, EventCode.HEALTHY, EventCode.UNHEALTHY).contains(event);
        }
        if (source.startsWith("check.")) {
            Optional<JobConfig> checked = config.jobs().stream()
                    .filter(j -> j.name().equals(source.substring("check.".length()))).findFirst();
            return checked.flatMap(JobConfig::health).map(h -> !h.exec().isEmpty()).orElse(false)
                    && Set.of(EventCode.EXIT_SUCCESS, EventCode.EXIT_FAILED).contains(event);
        }
        Optional<JobConfig> found = config.jobs().stream().filter(j -> j.name().equals(source)).findFirst();
        if (found.isEmpty()) {
            return false;
        }
        JobConfig job = found.get();
        return switch (event) {
            case EXIT_SUCCESS, EXIT_FAILED -> !job.exec().isEmpty();
            // A job without a check counts as healthy but publishes nothing.
            case HEALTHY, UNHEALTHY -> job.health().flatMap(h -> h.check()).isPresent();
            case STOPPING, STOPPED -> true;
            case TIMER_EXPIRED -> job.when().timeout().isPresent();
            case GAVE_UP -> !job.exec().isEmpty() && !job.restarts().equals(RestartPolicy.UNLIMITED);
            default -> false;
        };
    }

    /** The jobs that can start, following triggers from {@code startup}. */
    private static Set<String> reachedFromStartup(AgentConfig config) {
        Set<String> reached = new HashSet<>();
        ArrayDeque<String> sources = new ArrayDeque<>(List.of("global"));
        Set<String> seen = new HashSet<>(sources);
        while (!sources.isEmpty()) {
            String source = sources.poll();
            for (JobConfig job : config.jobs()) {
                boolean starts = switch (job.when().trigger()) {
                    case Trigger.OnStartup _, Trigger.Periodic _ -> source.equals("global");
                    case Trigger.OnEvent(var from, _, _, _) -> from.contains(source);
                    case Trigger.OnSignal _ -> false;
                };
                if (starts && reached.add(job.name())) {
                    for (String next : List.of(job.name(), "check." + job.name())) {
                        if (seen.add(next)) {
                            sources.add(next);
                        }
                    }
                }
            }
        }
        return reached;
    }


    /** {@code program}, which the test needs on PATH; a clear failure naming the Debian package when it is not. */
    private static String tool(String program, String debianPackage) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return Path.of(folder, program).toString();
            }
        }
        return fail(program + " is not on PATH: install the Debian package " + debianPackage
                + " (scripts/test.sh installs it)");
    }

    /** Runs a command in {@code workDir} with the host's environment less {@link #COMPOSE_INPUTS}, plus {@code env}. */
    private static HostCommand.Result run(Path workDir, Map<String, String> env, Duration timeout, String... command) {
        Map<String, String> environment = new HashMap<>();
        COMPOSE_INPUTS.forEach(name -> environment.put(name, null));
        environment.putAll(env);
        return new HostCommand(workDir, environment).run(timeout, command);
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
