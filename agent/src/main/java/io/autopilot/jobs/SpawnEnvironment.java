package io.autopilot.jobs;

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
 */
public final class SpawnEnvironment {
    private final Supplier<Map<String, String>> agentEnvironment;
    private final Map<String, Integer> runningPids = new ConcurrentHashMap<>();
    private final Map<String, String> addresses = new ConcurrentHashMap<>();

    /** @param agentEnvironment the agent's environment, without the variables meant for the agent's own JVM */
    public SpawnEnvironment(Supplier<Map<String, String>> agentEnvironment) {
        this.agentEnvironment = agentEnvironment;
    }

    /** A fresh copy for one spawn. */
    public Map<String, String> forSpawn() {
        Map<String, String> environment = new TreeMap<>(agentEnvironment.get());
        addresses.forEach((job, address) -> environment.put(variable(job, "IP"), address));
        runningPids.forEach((job, pid) -> environment.put(variable(job), Integer.toString(pid)));
        return environment;
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
