package io.autopilot.plan;

/**
 * Something the event graph shows that is most likely a mistake: the configuration still runs.
 *
 * @param job the job it is about
 * @param key the key of that job it points at: {@code when.once}, {@code when.each}
 */
public record GraphWarning(String job, String key, String message) {
}
