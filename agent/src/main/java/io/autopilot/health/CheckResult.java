package io.autopilot.health;

/**
 * The outcome of one health check run.
 *
 * @param output what the check printed (its last lines), for the {@code unhealthy} event
 */
public record CheckResult(boolean passing, String output) {
}
