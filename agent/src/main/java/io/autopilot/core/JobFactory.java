package io.autopilot.core;

import io.autopilot.jobs.JobConfig;
import io.autopilot.jobs.Locks;
import java.util.List;
import java.util.Set;

/**
 * Makes jobs of one configuration: the seam between the agent and the job implementation. It is given the whole
 * configuration, because a job needs to know the others (which ones run on its {@code stopping} event), and the
 * names of the jobs to make: all of them at start, the new and changed ones on a reload. Jobs made by one factory
 * share their children's environment ({@code CONTAINERPILOT_<JOB>_PID}). Called outside any Vert.x context.
 */
@FunctionalInterface
public interface JobFactory {
    /** @return the jobs named in {@code names}, in configuration order */
    List<Supervised> create(List<JobConfig> configuration, Set<String> names, AgentServices services);

    /** Where the jobs' locks and semaphores come from: a reload takes a {@code rolling} job's slot there too. */
    default Locks locks() {
        return Locks.NONE;
    }
}
