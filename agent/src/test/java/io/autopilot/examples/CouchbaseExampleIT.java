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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * builds the image and runs it against real Couchbase Server containers; without a Docker daemon it is skipped,
 * saying so. No fake Couchbase stands in for it.
 */
class CouchbaseExampleIT {
    private static final Path ROOT = repositoryRoot();
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
            "COMPOSE_PROJECT_NAME", "COMPOSE_FILE");

    @TempDir
    Path dir;

    // --- the configuration ---------------------------------------------------------------------------------------

    @Test
    void theConfigValidatesWithThePackagedAgentInTheComposeEnvironment() throws Exception {
        Result result = run(EXAMPLE, COMPOSE_ENVIRONMENT, Duration.ofSeconds(60),
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

        assertThat(dockerfile).as("a pinned Couchbase Server 7.x Community image")
                .containsPattern("(?m)^FROM couchbase/server:community-7\\.\\d+\\.\\d+$");
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
        Result result = run(EXAMPLE, Map.of(), Duration.ofSeconds(60), tool("shellcheck", "shellcheck"),
                "manage.sh");

        assertThat(result.code()).as("shellcheck manage.sh:%n%s%s", result.out(), result.err()).isZero();
        assertThat(result.out()).isEmpty();
    }

    @Test
    void dockerComposeAcceptsTheComposeFileWithoutADockerDaemon() throws Exception {
        // A daemon address nobody answers on: the check must not need one.
        Map<String, String> environment = Map.of("DOCKER_HOST", "unix://" + dir.resolve("no-docker.sock"));
        String compose = tool("docker-compose", "docker-compose");

        Result quiet = run(EXAMPLE, environment, Duration.ofSeconds(60), compose, "config", "-q");
        assertThat(quiet.code()).as("docker-compose config -q: %s", quiet).isZero();
        assertThat(quiet.out()).isEmpty();

        Result full = run(EXAMPLE, environment, Duration.ofSeconds(60), compose, "config");
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
     * node left through its pre-stop hook instead of being lost.
     */
    @Test
    void threeNodesAssembleIntoOneClusterAndOneLeaves() throws Exception {
        Optional<String> noDocker = dockerDaemonMissing();
        assumeTrue(noDocker.isEmpty(), () -> "no Docker daemon: " + noDocker.orElse(""));
        assertThat(DIST.resolve("bin/autopilot")).as("the packaged agent the image copies").exists();
        assertThat(ROOT.resolve("agent/target/autopilot")).as("the folder the Dockerfile copies").exists();

        Compose compose = new Compose("autopilotcbit" + ProcessHandle.current().pid());
        try {
            Result build = compose.run(Duration.ofMinutes(30), "build", "couchbase");
            assertThat(build.code()).as("docker-compose build: %s", build).isZero();
            Result up = compose.run(Duration.ofMinutes(10), "up", "-d", "--scale", "couchbase=3");
            assertThat(up.code()).as("docker-compose up: %s", up).isZero();
            compose.awaitCluster(3, Duration.ofMinutes(10));

            Result down = compose.run(Duration.ofMinutes(10), "up", "-d", "--scale", "couchbase=2");
            assertThat(down.code()).as("docker-compose up --scale couchbase=2: %s", down).isZero();
            compose.awaitCluster(2, Duration.ofMinutes(5));
        } finally {
            compose.run(Duration.ofMinutes(10), "down", "-v", "--remove-orphans", "-t", "120");
        }
    }

    /** A docker-compose project of its own, with the example's defaults and Consul's UI on a free port. */
    private final class Compose {
        private final Map<String, String> environment = new HashMap<>();
        private final AtomicReference<String> last = new AtomicReference<>("nothing yet");
        private long nextPoll;

        Compose(String project) throws Exception {
            environment.put("COMPOSE_PROJECT_NAME", project);
            environment.put("CONSUL_UI_PORT", Integer.toString(freePort()));
            // BuildKit reads Dockerfile.dockerignore, so only what the image needs is sent; without buildx the
            // classic builder sends the whole repository, which works too.
            if (CouchbaseExampleIT.this.run(EXAMPLE, Map.of(), Duration.ofSeconds(30), "docker", "buildx",
                    "version").code() == 0) {
                environment.put("COMPOSE_DOCKER_CLI_BUILD", "1");
                environment.put("DOCKER_BUILDKIT", "1");
            }
        }

        Result run(Duration timeout, String... arguments) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>(List.of("docker-compose"));
            command.addAll(List.of(arguments));
            return CouchbaseExampleIT.this.run(EXAMPLE, environment, timeout, command.toArray(String[]::new));
        }

        /** Runs a command in the first couchbase container (it has curl); its output, or empty if it failed. */
        Optional<String> inNode(String... command) {
            List<String> arguments = new ArrayList<>(List.of("exec", "-T", "--index=1", "couchbase"));
            arguments.addAll(List.of(command));
            try {
                Result result = run(Duration.ofSeconds(30), arguments.toArray(String[]::new));
                return result.code() == 0 ? Optional.of(result.out()) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        /** Until Consul has {@code nodes} passing instances and Couchbase {@code nodes} active, healthy nodes. */
        void awaitCluster(int nodes, Duration timeout) {
            Eventually.until(() -> clusterIs(nodes), timeout,
                    () -> nodes + " passing couchbase services in Consul and " + nodes
                            + " active nodes in /pools/default; last seen: " + last.get() + "\n" + logs());
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

        private String logs() {
            try {
                Result logs = run(Duration.ofMinutes(1), "logs", "--no-color", "--tail=60");
                return logs.out() + logs.err();
            } catch (IOException e) {
                return "(no logs: " + e + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "(no logs: interrupted)";
            }
        }
    }

    /** Why Docker cannot be used here (what {@code docker info} said), or empty when a daemon answers. */
    private Optional<String> dockerDaemonMissing() throws InterruptedException {
        try {
            Result info = run(ROOT, Map.of(), Duration.ofSeconds(60), "docker", "info", "--format",
                    "{{.ServerVersion}}");
            if (info.code() == 0 && !info.out().isBlank()) {
                return Optional.empty();
            }
            String said = (info.err() + info.out()).strip();
            return Optional.of("docker info exited with " + info.code() + ": "
                    + (said.isEmpty() ? "(no output)" : said.lines().findFirst().orElseThrow()));
        } catch (IOException e) {
            return Optional.of("the docker client could not be run: " + e.getMessage());
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Runs a command in {@code workDir} with the host's environment less {@link #COMPOSE_INPUTS}, plus {@code env}. */
    private Result run(Path workDir, Map<String, String> env, Duration timeout, String... command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        COMPOSE_INPUTS.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + "; output: "
                    + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Path repositoryRoot() {
        for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("pom.xml"))
                    && Files.isDirectory(folder.resolve("examples/couchbase"))) {
                return folder;
            }
        }
        throw new IllegalStateException("no folder with pom.xml and examples/couchbase above "
                + Path.of("").toAbsolutePath());
    }
}
