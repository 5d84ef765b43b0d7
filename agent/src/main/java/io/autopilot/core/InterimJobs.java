package io.autopilot.core;

import io.autopilot.events.EventCode;
import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.Trigger;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Interim: makes {@link InterimJob}s, telling each which jobs run on its {@code stopping} event. */
final class InterimJobs {
    private InterimJobs() {
    }

    static JobFactory factory(List<JobConfig> all) {
        return (config, services) -> new InterimJob(config, services, preStopJobsOf(config.name(), all));
    }

    static Set<String> preStopJobsOf(String name, List<JobConfig> all) {
        return all.stream()
                .filter(job -> job.when().trigger() instanceof Trigger.OnEvent on && on.source().equals(name)
                        && on.event() == EventCode.STOPPING)
                .map(JobConfig::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
