package io.autopilot.health;

import java.util.Optional;

/**
 * Turns the results of single checks into a job's health, as Consul's check status handler does: the health
 * changes only after {@link Thresholds} consecutive results that disagree with it, and a result that agrees with
 * the health resets the count of the other kind. It starts unknown, and leaves unknown by the same rule: a job with
 * {@code successBeforePassing: 3} is healthy (and registered) after its third passing check in a row.
 *
 * <p>Not thread-safe: it belongs to the job's context.
 */
public final class CheckThreshold {
    private final Thresholds thresholds;
    private int successes;
    private int failures;
    private Optional<CheckResult> health = Optional.empty();

    public CheckThreshold(Thresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** Back to unknown with nothing counted: the job (re)started. */
    public void reset() {
        successes = 0;
        failures = 0;
        health = Optional.empty();
    }

    /**
     * Counts one result and returns the health after it: empty while unknown; passing; or failing, with the output
     * of the latest failing check (while a recovery is being counted, that is still the reason the job is
     * unhealthy).
     */
    public Optional<CheckResult> record(CheckResult result) {
        int inARow;
        if (result.passing()) {
            failures = 0;
            inARow = successes = Math.min(successes + 1, Thresholds.MAXIMUM);
        } else {
            successes = 0;
            inARow = failures = Math.min(failures + 1, Thresholds.MAXIMUM);
        }
        int needed = result.passing() ? thresholds.successBeforePassing() : thresholds.failuresBeforeCritical();
        boolean agrees = health.filter(h -> h.passing() == result.passing()).isPresent();
        if (agrees || inARow >= needed) {
            health = Optional.of(result);
        }
        return health;
    }
}
