package io.autopilot.jobs;

import io.autopilot.decode.Fields;
import io.autopilot.decode.KeyPath;
import java.time.Duration;

/**
 * A job's {@code backoff} block: how long it waits before a restart. The first restart waits up to {@code initial},
 * each further one up to twice as long, up to {@code max}, each drawn at random below that ceiling (the agent's one
 * {@link io.autopilot.retry.Backoff}); a run that stayed up for {@code resetAfter} starts the sequence again.
 * ContainerPilot restarted at once, so a missing binary with {@code restarts: "unlimited"} was a hot loop (its issue
 * 396). The defaults keep a first restart prompt (under 100ms) and bound a crash loop to one start every 15s on
 * average.
 */
public record BackoffConfig(Duration initial, Duration max, Duration resetAfter) {
    public static final BackoffConfig DEFAULT =
            new BackoffConfig(Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(60));

    static BackoffConfig decode(Fields fields, KeyPath path) {
        Duration initial = nonNegative(fields, "initial", DEFAULT.initial());
        Duration max = nonNegative(fields, "max", DEFAULT.max().compareTo(initial) < 0 ? initial : DEFAULT.max());
        Duration resetAfter = nonNegative(fields, "resetAfter", DEFAULT.resetAfter());
        if (max.compareTo(initial) < 0) {
            fields.problem("max", "must not be shorter than \"initial\"");
            max = initial;
        }
        return new BackoffConfig(initial, max, resetAfter);
    }

    private static Duration nonNegative(Fields fields, String key, Duration fallback) {
        Duration value = fields.duration(key).orElse(fallback);
        if (value.isNegative()) {
            fields.problem(key, "must not be negative");
            return fallback;
        }
        return value;
    }
}
