/**
 * Health checks of jobs: what runs, how often, and how long it may take ({@link io.autopilot.health.HealthConfig}),
 * and when it runs ({@link io.autopilot.health.CheckSchedule}: at once, then every interval, a run still going at the
 * next tick skipped). What a check does is given to the schedule as a function returning a future, so the job runs
 * exec checks through its own process machinery and other kinds of check can be added without touching the schedule.
 */
package io.autopilot.health;
