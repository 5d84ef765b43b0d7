package io.autopilot.files;

import io.autopilot.decode.Fields;
import io.autopilot.decode.GoDuration;
import io.autopilot.decode.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A template's {@code validate}: a command run against the staged file before it replaces the destination, as
 * Ansible's {@code validate} does. Each argument's {@code %s} is the staged file's path ({@code nginx -t -c %s});
 * the path is also in {@code AUTOPILOT_STAGED_FILE}. No shell runs it: write {@code ["sh", "-c", "..."]} for one.
 *
 * @param timeout after this the command is killed and the render fails
 */
public record Validation(List<String> argv, Duration timeout) {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final String STAGED_FILE_VARIABLE = "AUTOPILOT_STAGED_FILE";

    public Validation {
        argv = List.copyOf(argv);
    }

    /** The command for one staged file. */
    List<String> argv(Path staged) {
        return argv.stream().map(arg -> arg.replace("%s", staged.toString())).toList();
    }

    /** {@code validate: "cmd %s"}, {@code ["cmd", "%s"]} or {@code {exec: ..., timeout: "10s"}}. */
    static Optional<Validation> decode(Fields fields, String key) {
        Optional<Node> node = fields.node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof Node.ObjectNode) {
            return fields.object(key, (validate, path) -> {
                Optional<List<String>> exec = validate.command("exec");
                if (!validate.has("exec")) {
                    validate.problem("exec", "is required: the command that checks the staged file");
                }
                Duration timeout = validate.duration("timeout").filter(t -> {
                    if (t.isNegative() || t.isZero()) {
                        validate.problem("timeout", "must be > 0, not " + GoDuration.format(t));
                        return false;
                    }
                    return true;
                }).orElse(DEFAULT_TIMEOUT);
                return exec.map(argv -> new Validation(argv, timeout));
            }).flatMap(v -> v);
        }
        return fields.command(key).map(argv -> new Validation(argv, DEFAULT_TIMEOUT));
    }
}
