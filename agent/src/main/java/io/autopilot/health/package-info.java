/**
 * Health checks of jobs: what checks ({@link io.autopilot.health.CheckConfig}: a command, an HTTP request or a TCP
 * connection), how often and for how long ({@link io.autopilot.health.HealthConfig}), when it runs
 * ({@link io.autopilot.health.CheckSchedule}: at once, then every interval, a run still going at the next tick
 * skipped), and how single results become the job's health ({@link io.autopilot.health.CheckThreshold}, Consul's
 * successes-before-passing and failures-before-critical). What a check does is given to the schedule as a function
 * returning a future: the job runs exec checks through its own process machinery, and {@code http} and {@code tcp}
 * checks are made here by Vert.x clients on the job's context ({@link io.autopilot.health.NetworkCheck}).
 */
package io.autopilot.health;
