/**
 * Jobs: the processes the agent runs, what starts them ({@code when}), how they restart and stop. Each job owns its
 * validated {@link io.autopilot.jobs.JobConfig}; jobs meet watches and each other only through events.
 */
package io.autopilot.jobs;
