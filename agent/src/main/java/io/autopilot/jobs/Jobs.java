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
        return create(configs, context, advertisedAddresses(configs, context.log()));
    }

    /**
     * As {@link #create(List, JobContext)}, with the addresses of the registered jobs resolved already (by
     * {@link #advertisedAddresses}), so that registration advertises the very address children see.
     */
    public static List<Job> create(List<JobConfig> configs, JobContext context, Map<String, String> addresses) {
        Map<String, Set<String>> hooks = new HashMap<>();
        for (JobConfig config : configs) {
            if (config.when().trigger() instanceof Trigger.OnEvent event && event.event() == EventCode.STOPPING) {
                event.sources().forEach(source -> hooks.computeIfAbsent(source, s -> new HashSet<>())
                        .add(config.name()));
            }
        }
        addresses.forEach(context.environment()::address);
        return configs.stream()
                .map(config -> new Job(config, context, hooks.getOrDefault(config.name(), Set.of())))
                .toList();
    }

    /**
     * Resolves the address of every registered job once, as ContainerPilot did at config load: children get it as
     * {@code CONTAINERPILOT_<JOB>_IP} and the registration advertises it. An address that cannot be found is logged
     * and left out; registration, which needs it, reports it again.
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
                    log.with("job", config.name()).warn(e.getMessage());
                }
            });
        }
        return Map.copyOf(addresses);
    }
}
