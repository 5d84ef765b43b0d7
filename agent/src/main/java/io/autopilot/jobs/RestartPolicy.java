package io.autopilot.jobs;

import io.autopilot.decode.Fields;
import io.autopilot.decode.Node;
import io.autopilot.decode.Node.NumberNode;
import io.autopilot.decode.Node.TextNode;
import java.util.Locale;
import java.util.Optional;

/** How often a job is started again after its own exit: {@code restarts} in the config. */
public sealed interface RestartPolicy {
    record Never() implements RestartPolicy {
    }

    record Limited(int times) implements RestartPolicy {
    }

    record Unlimited() implements RestartPolicy {
    }

    RestartPolicy NEVER = new Never();
    RestartPolicy UNLIMITED = new Unlimited();

    /**
     * Reads {@code restarts}: a whole number ≥ 0 (or numeric string), {@code "unlimited"} or {@code "never"}.
     * ContainerPilot truncates a fraction; we reject it, since {@code 1.5} restarts is certainly a mistake.
     */
    static Optional<RestartPolicy> decode(Fields fields, String key) {
        Optional<Node> node = fields.node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        String text = switch (node.get()) {
            case TextNode value -> value.value().trim().toLowerCase(Locale.ROOT);
            case NumberNode number -> number.text();
            default -> "";
        };
        if (text.equals("unlimited")) {
            return Optional.of(UNLIMITED);
        }
        if (text.equals("never")) {
            return Optional.of(NEVER);
        }
        if (text.matches("\\+?\\d{1,9}")) {
            int times = Integer.parseInt(text.replace("+", ""));
            return Optional.of(times == 0 ? NEVER : new Limited(times));
        }
        fields.problem(key, "must be a whole number >= 0, \"unlimited\" or \"never\", not " + node.get().shown());
        return Optional.empty();
    }
}
