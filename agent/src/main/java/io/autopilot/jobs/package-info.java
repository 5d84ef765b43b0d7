/**
 * Jobs: the processes the agent runs, what starts them ({@code when}), how they restart and stop. Each job owns its
 * validated {@link io.autopilot.jobs.JobConfig}; jobs meet watches and each other only through events.
 *
 * <p>At run time each {@link io.autopilot.jobs.Job} is an actor on a Vert.x context of its own: events from the bus,
 * its timers (interval, restart backoff, {@code when.timeout}, {@code stopTimeout}) and the exits of its processes
 * all arrive there, so its state needs no locks, and nothing a job waits for ever blocks a thread. A run spawns
 * through {@code io.autopilot.process} on a worker ({@link io.autopilot.jobs.ProcessRun}); the exit comes back onto
 * the context. Other threads read immutable {@link io.autopilot.jobs.JobSnapshot}s. The agent creates the jobs with
 * {@link io.autopilot.jobs.Jobs#create}, starts (subscribes) them all, then publishes {@code startup}; on
 * {@code shutdown} each runs ContainerPilot's stop sequence and completes.
 */
package io.autopilot.jobs;
