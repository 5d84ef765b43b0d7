package io.autopilot.core;

import io.autopilot.jobs.JobConfig;

/** Makes the job that runs one {@link JobConfig}: the seam between the agent and the job implementation. */
@FunctionalInterface
public interface JobFactory {
    Supervised create(JobConfig config, AgentServices services);
}
