package io.autopilot.scenarios;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One scenario's "container": its own work folder (kept under {@code target/scenarios/} for a post-mortem), its
 * config fixture (named after the test method), and the agents it started, which are all ended after the test.
 *
 * <p>Fixtures are rendered by the agent itself as Go templates: {@code {{ .WORK }}} is the work folder and
 * {@code {{ .FIXTURES }}} the folder of the fixtures and their scripts.
 */
public final class Scenario implements AutoCloseable {
    private final Path dist;
    private final Path fixtures;
    private final Path workDir;
    private final String name;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<PidOneAgent> agents = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();

    Scenario(Path dist, Path fixtures, Path workDir, String name) {
        this.dist = dist;
        this.fixtures = fixtures;
        this.workDir = workDir;
        this.name = name;
        environment.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("WORK", workDir.toString());
        environment.put("FIXTURES", fixtures.toString());
    }

    public static Scenario create(Path dist, Class<?> testClass, String name) {
        Path workDir = dist.getParent().resolve("scenarios").resolve(testClass.getSimpleName()).resolve(name);
        try {
            if (Files.exists(workDir)) {
                try (Stream<Path> old = Files.walk(workDir)) {
                    old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(workDir);
            Path fixtures = Path.of(Scenario.class.getResource("").toURI());
            return new Scenario(dist, fixtures, workDir, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a variable to the environment the agent is started with (and so to the rendering of its config). */
    public Scenario env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** Starts the agent with {@code -config <test method name>.json5}. */
    public PidOneAgent startWithConfig() {
        return start("-config", config(name + ".json5").toString());
    }

    /**
     * Starts the agent with {@code args} and returns as soon as the launcher script runs as PID 1, before it has
     * started the JVM.
     */
    public PidOneAgent startLauncher(String... args) {
        return startLauncher(launcher(), args);
    }

    /** As {@link #startLauncher(String...)}, with the launcher found at {@code launcher} (a link to it, say). */
    public PidOneAgent startLauncher(Path launcher, String... args) {
        PidOneAgent agent = PidOneAgent.start(launcher, workDir, List.of(args), Map.copyOf(environment),
                PidOneAgent::isLauncher, true);
        agents.add(agent);
        return agent;
    }

    /**
     * Starts the agent with {@code args} and returns as soon as the namespace's PID 1 exists, whatever it runs yet
     * (the shell that mounts {@code /run}, the launcher, the JVM): for what must hold at any moment of the start-up.
     */
    public PidOneAgent startAtOnce(String... args) {
        PidOneAgent agent = PidOneAgent.start(launcher(), workDir, List.of(args), Map.copyOf(environment), pid -> true,
                true);
        agents.add(agent);
        return agent;
    }

    /** The packaged agent's launcher, {@code bin/autopilot}. */
    public Path launcher() {
        return dist.resolve("bin/autopilot");
    }

    /**
     * Starts the agent as user {@code nobody}, group {@code nogroup} and no supplementary group, as an image's
     * {@code USER} line makes it: {@code setpriv} drops root inside the namespace and execs the launcher.
     */
    PidOneAgent startAsNobody(String... args) {
        List<String> command = new ArrayList<>(List.of("--reuid=nobody", "--regid=nogroup", "--clear-groups", "--",
                launcher().toString()));
        command.addAll(List.of(args));
        PidOneAgent agent = PidOneAgent.start(Path.of("/usr/bin/setpriv"), workDir, command,
                Map.copyOf(environment), PidOneAgent::isJvm, false);
        agents.add(agent);
        return agent;
    }

    public PidOneAgent start(String... args) {
        PidOneAgent agent = PidOneAgent.start(dist, workDir, List.of(args), Map.copyOf(environment));
        agents.add(agent);
        return agent;
    }

    /**
     * Starts one more agent of the scenario, with the scenario's environment plus {@code NODE=<folder>}, working in a
     * folder of its own ({@code <work>/<folder>}, where its output goes): for several "containers" in one test.
     */
    PidOneAgent startNode(String folder, String... args) {
        Path nodeDir = workDir.resolve(folder);
        try {
            Files.createDirectories(nodeDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> nodeEnvironment = new LinkedHashMap<>(environment);
        nodeEnvironment.put("NODE", folder);
        PidOneAgent agent = PidOneAgent.start(dist, nodeDir, List.of(args), nodeEnvironment);
        agents.add(agent);
        return agent;
    }

    public Path config(String fileName) {
        Path config = fixtures.resolve(fileName);
        if (!Files.exists(config)) {
            throw new IllegalStateException("no fixture " + config);
        }
        return config;
    }

    /** Runs {@code cleanup} when the scenario ends, pass or fail: for processes a test starts itself. */
    public void onClose(Runnable cleanup) {
        cleanups.add(cleanup);
    }

    /** A file in the work folder, where the fixtures' scripts record what happened. */
    public Path file(String fileName) {
        return workDir.resolve(fileName);
    }

    /** The lines of a work file; none while it does not exist. */
    public List<String> lines(String fileName) {
        return PidOneAgent.read(file(fileName)).lines().toList();
    }

    @Override
    public void close() {
        agents.forEach(PidOneAgent::close);
        cleanups.forEach(Runnable::run);
    }
}
