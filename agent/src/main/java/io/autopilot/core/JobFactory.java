package io.autopilot.core;

import io.autopilot.jobs.JobConfig;
import java.util.List;

/**
 * Makes the jobs of one configuration: the seam between the agent and the job implementation. All at once, because
 * a job needs to know the others (which ones run on its {@code stopping} event). Called outside any Vert.x context.
 */
@FunctionalInterface
public interface JobFactory {
    List<Supervised> create(List<JobConfig> configs, AgentServices services);
}
