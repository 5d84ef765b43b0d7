package io.autopilot.files;

import io.autopilot.decode.Fields;
import io.autopilot.decode.GoDuration;
import io.autopilot.decode.Node;
import java.time.Duration;
import java.util.Optional;

/**
 * consul-template's {@code wait}: a render waits until no change has come for {@code min}, but never longer than
 * {@code max} after the first change it waits for, so a burst of changes renders once and a steady stream of them
 * still renders.
 */
public record Quiescence(Duration min, Duration max) {

    /** {@code wait: "2s"} or {@code wait: {min: "2s", max: "10s"}}; a missing max is 4×min, as in consul-template. */
    static Optional<Quiescence> decode(Fields fields, String key, Node node) {
        if (node instanceof Node.ObjectNode) {
            return fields.object(key, (wait, path) -> {
                Optional<Duration> min = wait.duration("min");
                if (!wait.has("min")) {
                    wait.problem("min", "is required");
                }
                Optional<Duration> max = wait.duration("max");
                return min.flatMap(m -> checked(wait, "min", m, max.orElse(m.multipliedBy(4))));
            }).flatMap(q -> q);
        }
        return fields.duration(key).flatMap(min -> checked(fields, key, min, min.multipliedBy(4)));
    }

    private static Optional<Quiescence> checked(Fields fields, String minKey, Duration min, Duration max) {
        if (min.isNegative() || min.isZero()) {
            fields.problem(minKey, "must be > 0 (leave \"wait\" out to render at once)");
            return Optional.empty();
        }
        if (max.compareTo(min) < 0) {
            fields.problem("max", "must not be shorter than min (" + GoDuration.format(min) + ")");
            return Optional.empty();
        }
        return Optional.of(new Quiescence(min, max));
    }
}
