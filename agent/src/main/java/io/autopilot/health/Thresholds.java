package io.autopilot.health;

import io.autopilot.decode.Fields;

/**
 * How many consecutive check results of one kind change a job's health, with Consul's names. 0 and 1 both mean
 * "at once", as in Consul.
 *
 * @param successBeforePassing consecutive passing results before the health becomes healthy
 * @param failuresBeforeCritical consecutive failing results before the health becomes unhealthy
 */
public record Thresholds(int successBeforePassing, int failuresBeforeCritical) {
    public static final Thresholds AT_ONCE = new Thresholds(0, 0);

    /** Far beyond any sensible count, and small enough that counting never overflows. */
    static final int MAXIMUM = 10_000;

    static Thresholds decode(Fields fields) {
        return new Thresholds(
                fields.integer("successBeforePassing", 0, MAXIMUM).orElse(0L).intValue(),
                fields.integer("failuresBeforeCritical", 0, MAXIMUM).orElse(0L).intValue());
    }
}
