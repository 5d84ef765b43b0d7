package io.autopilot.jobs;

import io.autopilot.events.Event;
import io.autopilot.events.WatchChange;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The environment each spawned process gets: the agent's (as it is now, with {@code -putenv} changes), plus
 * {@code CONTAINERPILOT_<JOB>_IP} for every registered job whose address is known, plus
 * {@code CONTAINERPILOT_<JOB>_PID} for every job whose process is running at that moment. Thread-safe.
 *
 * <p>ContainerPilot set these variables in its own global environment while a process ran, so they also leaked into
 * its templates and into whatever it spawned meanwhile, and every health check shared one
 * {@code CONTAINERPILOT_CHECK_PID}. Here they exist only in the environments handed to children, and only jobs
 * (not checks) get one. The name is the job's, upper-cased, with every character other than a letter or digit
 * turned into {@code _} (ContainerPilot cut the name at its last {@code .}, as if it were a file extension).
 *
 * <p>A run started by a watch's {@code changed} event also gets what changed ({@link #ofTrigger}); ContainerPilot
 * gave a job nothing, so it had to ask Consul again (or render a template) to learn the new instances.
 */
public final class SpawnEnvironment {
    /** The source of the {@code changed} event that started the run, {@code watch.<name>}. */
    public static final String WATCH_SOURCE = "CONTAINERPILOT_WATCH_SOURCE";
    /** The watch's instances (or KV entries) as a JSON array. */
    public static final String WATCH_INSTANCES = "CONTAINERPILOT_WATCH_INSTANCES";
    /** Those that were not in the watch's previous result, as a JSON array. */
    public static final String WATCH_ADDED = "CONTAINERPILOT_WATCH_ADDED";
    /** Those of the watch's previous result that are gone, as a JSON array. */
    public static final String WATCH_REMOVED = "CONTAINERPILOT_WATCH_REMOVED";
    /** The job (or {@code check.<job>}) whose exit started the run. */
    public static final String EXIT_SOURCE = "CONTAINERPILOT_EXIT_SOURCE";
    /** Its exit code as a shell reports it (128+signal when a signal killed it). */
    public static final String EXIT_CODE = "CONTAINERPILOT_EXIT_CODE";
    /** How it ended, for people: {@code exit 3}, {@code killed by SIGSEGV}, … */
    public static final String EXIT_REASON = "CONTAINERPILOT_EXIT_REASON";
    /** Why, as far as the agent can tell: {@code exit}, {@code stopped}, {@code timeout}, {@code oom}, … */
    public static final String EXIT_CAUSE = "CONTAINERPILOT_EXIT_CAUSE";
    /**
     * Set only when the change was published from last-known-good data while Consul did not answer: when that data
     * was saved (ISO-8601).
     */
    public static final String WATCH_SAVED_AT = "CONTAINERPILOT_WATCH_SAVED_AT";

    private final Supplier<Map<String, String>> agentEnvironment;
    private final Map<String, Integer> runningPids = new ConcurrentHashMap<>();
    private final Map<String, String> addresses = new ConcurrentHashMap<>();

    /** @param agentEnvironment the agent's environment, without the variables meant for the agent's own JVM */
    public SpawnEnvironment(Supplier<Map<String, String>> agentEnvironment) {
        this.agentEnvironment = agentEnvironment;
    }

    /** A fresh copy for one spawn. */
    public Map<String, String> forSpawn() {
        return forSpawn(Map.of());
    }

    /** A fresh copy for one spawn, with {@code extra} (a run's trigger variables) over the rest. */
    public Map<String, String> forSpawn(Map<String, String> extra) {
        Map<String, String> environment = new TreeMap<>(agentEnvironment.get());
        addresses.forEach((job, address) -> environment.put(variable(job, "IP"), address));
        runningPids.forEach((job, pid) -> environment.put(variable(job), Integer.toString(pid)));
        environment.putAll(extra);
        return environment;
    }

    /**
     * The variables of a run started by {@code trigger}: a watch's change for {@code changed}, how the process ended
     * for {@code exitFailed} and {@code exitSuccess}, else none.
     */
    public static Map<String, String> ofTrigger(Event trigger) {
        return switch (trigger) {
            case Event.Changed(String source, WatchChange change) -> watchVariables(source, change);
            case Event.ExitFailed failed -> Map.of(EXIT_SOURCE, failed.source(), EXIT_CODE,
                    Integer.toString(failed.exitCode()), EXIT_REASON, failed.reason(), EXIT_CAUSE,
                    failed.cause().label());
            case Event.ExitSuccess success -> Map.of(EXIT_SOURCE, success.source(), EXIT_CODE, "0", EXIT_REASON,
                    "exit 0", EXIT_CAUSE, success.cause().label());
            default -> Map.of();
        };
    }

    private static Map<String, String> watchVariables(String source, WatchChange change) {
        Map<String, String> variables = new TreeMap<>(Map.of(WATCH_SOURCE, source, WATCH_INSTANCES,
                change.instances(), WATCH_ADDED, change.added(), WATCH_REMOVED, change.removed()));
        change.savedAt().ifPresent(at -> variables.put(WATCH_SAVED_AT, at.toString()));
        return Map.copyOf(variables);
    }

    /** Records the address a registered job advertises, for {@code CONTAINERPILOT_<JOB>_IP}. */
    public void address(String job, String address) {
        addresses.put(job, address);
    }

    void running(String job, int pid) {
        runningPids.put(job, pid);
    }

    /** Forgets {@code job}'s pid, unless a newer process of the job has replaced it already. */
    void exited(String job, int pid) {
        runningPids.remove(job, pid);
    }

    /** {@code CONTAINERPILOT_<JOB>_PID} for a job name. */
    public static String variable(String job) {
        return variable(job, "PID");
    }

    private static String variable(String job, String suffix) {
        return "CONTAINERPILOT_" + job.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_" + suffix;
    }
}
