package io.autopilot.health;

/**
 * A job's health as {@code /status} shows it, named as ContainerPilot names it. {@code unknown} before the first
 * check of each start; {@code maintenance} while the agent is in maintenance mode, when checks are skipped.
 */
public enum HealthStatus {
    UNKNOWN, HEALTHY, UNHEALTHY, MAINTENANCE
}
