package io.autopilot.jobs;

import io.autopilot.discovery.InterfaceSnapshot;
import io.autopilot.discovery.NoMatchingInterfaceException;
import io.autopilot.events.EventCode;
import io.autopilot.logging.Log;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Creates the jobs of one configuration, telling each which jobs it waits for when it stops. */
public final class Jobs {
    private Jobs() {
    }

    /**
     * One {@link Job} per config, in the same order. A job started by another job's {@code stopping} event (a
     * pre-stop hook) makes that job wait for the hook's {@code stopped} before it signals its own process.
     * ContainerPilot kept one such hook per job (a later one overwrote the earlier); here a job waits for all of them.
     */
    public static List<Job> create(List<JobConfig> configs, JobContext context) {
        return create(configs, configs.stream().map(JobConfig::name).collect(Collectors.toSet()), context);
    }

    /**
     * The jobs named in {@code names} only, in configuration order, each knowing its hooks among <em>all</em>
     * {@code configs}: a reload creates the new and changed jobs of a configuration whose other jobs already run.
     */
    public static List<Job> create(List<JobConfig> configs, Set<String> names, JobContext context) {
        Map<String, Set<String>> hooks = stopHooks(configs);
        List<JobConfig> created = configs.stream().filter(config -> names.contains(config.name())).toList();
        advertiseAddresses(created, context);
        return created.stream()
                .map(config -> new Job(config, context, hooks.getOrDefault(config.name(), Set.of())))
                .toList();
    }

    /** For each job that has pre-stop hooks, the jobs that start on its {@code stopping} event. */
    public static Map<String, Set<String>> stopHooks(List<JobConfig> configs) {
        Map<String, Set<String>> hooks = new HashMap<>();
        for (JobConfig config : configs) {
            if (config.when().trigger() instanceof Trigger.OnEvent event && event.event() == EventCode.STOPPING) {
                event.sources().forEach(source -> hooks.computeIfAbsent(source, s -> new HashSet<>())
                        .add(config.name()));
            }
        }
        hooks.replaceAll((source, names) -> Set.copyOf(names));
        return Map.copyOf(hooks);
    }

    /** The jobs on whose {@code stopping} or {@code stopped} event this one starts: it is their pre- or post-stop hook. */
    public static List<String> hookSources(JobConfig config) {
        return config.when().trigger() instanceof Trigger.OnEvent event
                && (event.event() == EventCode.STOPPING || event.event() == EventCode.STOPPED)
                ? event.sources() : List.of();
    }

    /** Gives the created jobs' children their {@code CONTAINERPILOT_<JOB>_IP}. */
    private static void advertiseAddresses(List<JobConfig> configs, JobContext context) {
        advertisedAddresses(configs, context.log()).forEach(context.environment()::address);
    }

    /**
     * Resolves the address of every registered job, as ContainerPilot did at config load: children get it as
     * {@code CONTAINERPILOT_<JOB>_IP} and the registration advertises it. An address that cannot be found is left
     * out: the registration, which needs it, looks on until one matches and reports it meanwhile.
     */
    public static Map<String, String> advertisedAddresses(List<JobConfig> configs, Log log) {
        if (configs.stream().noneMatch(config -> config.service().isPresent())) {
            return Map.of();
        }
        InterfaceSnapshot machine;
        try {
            machine = InterfaceSnapshot.ofMachine();
        } catch (UncheckedIOException e) {
            log.warn("cannot list the network interfaces: " + e.getMessage());
            return Map.of();
        }
        Map<String, String> addresses = new HashMap<>();
        for (JobConfig config : configs) {
            config.service().ifPresent(service -> {
                try {
                    addresses.put(config.name(), machine.select(service.interfaces()).toString());
                } catch (NoMatchingInterfaceException e) {
                    // The registration looks on, and says why in its log, its status and its metric.
                    log.with("job", config.name()).debug("no address for its children's"
                            + " CONTAINERPILOT_<JOB>_IP: " + e.getMessage());
                }
            });
        }
        return Map.copyOf(addresses);
    }
}
