package io.autopilot.jobs;

import io.autopilot.events.EventCode;
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
        Map<String, Set<String>> hooks = new HashMap<>();
        for (JobConfig config : configs) {
            if (config.when().trigger() instanceof Trigger.OnEvent event && event.event() == EventCode.STOPPING) {
                event.sources().forEach(source -> hooks.computeIfAbsent(source, s -> new HashSet<>())
                        .add(config.name()));
            }
        }
        return configs.stream()
                .map(config -> new Job(config, context, hooks.getOrDefault(config.name(), Set.of())))
                .toList();
    }
}
