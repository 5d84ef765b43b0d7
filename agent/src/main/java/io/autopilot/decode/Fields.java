package io.autopilot.decode;

import io.autopilot.decode.Node.ArrayNode;
import io.autopilot.decode.Node.BoolNode;
import io.autopilot.decode.Node.NullNode;
import io.autopilot.decode.Node.NumberNode;
import io.autopilot.decode.Node.ObjectNode;
import io.autopilot.decode.Node.TextNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Decodes one object of the raw tree into the values of a record. Each read marks its key as known; {@link #finish()}
 * reports the keys nobody read, with the nearest known key as a suggestion ({@code tll} → {@code ttl}).
 *
 * <p>Scalars are read the way ContainerPilot's decoder reads them (mapstructure with weakly typed input), so that its
 * configs load unchanged: {@code "5"} is accepted where a number is expected, {@code 5} where a string is, and a
 * single string where a list of strings is. A value of the wrong kind is a problem, never an exception; the reader
 * returns empty and the caller carries on, so every problem of a file is reported in one run.
 */
public final class Fields {
    private final ObjectNode object;
    private final KeyPath path;
    private final Problems problems;
    private final Set<String> read = new HashSet<>();

    private Fields(ObjectNode object, KeyPath path, Problems problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /** A reader over {@code node}, or empty (with a problem) when it is not an object. */
    public static Optional<Fields> of(Node node, KeyPath path, Problems problems) {
        if (node instanceof ObjectNode object) {
            return Optional.of(new Fields(object, path, problems));
        }
        problems.add(path, node.origin(), "must be an object, not " + node.kind());
        return Optional.empty();
    }

    public KeyPath path() {
        return path;
    }

    public KeyPath path(String key) {
        return path.key(key);
    }

    public Problems problems() {
        return problems;
    }

    public Origin origin() {
        return object.origin();
    }

    /** Where {@code key} was written, or where this object was when it is absent. */
    public Origin origin(String key) {
        Node node = object.fields().get(key);
        return node == null ? object.origin() : node.origin();
    }

    public boolean has(String key) {
        return node(key).isPresent();
    }

    /** The raw node of {@code key}; null values count as absent. */
    public Optional<Node> node(String key) {
        markRead(key);
        Node node = object.fields().get(key);
        if (node == null || node instanceof NullNode) {
            return Optional.empty();
        }
        return Optional.of(node);
    }

    /** Records a problem about {@code key}, placed where it was written. */
    public void problem(String key, String message) {
        problems.add(path.key(key), origin(key), message);
    }

    /** Records a warning about {@code key}, placed where it was written: the configuration still loads. */
    public void warning(String key, String message) {
        problems.warn(path.key(key), origin(key), message);
    }

    /** Records a problem about this object as a whole. */
    public void problem(String message) {
        problems.add(path, object.origin(), message);
    }

    public Optional<String> string(String key) {
        return node(key).flatMap(node -> text(node).or(() -> wrongKind(key, node, "a string")));
    }

    /** A scalar as a string value reads it (numbers and booleans written as text); empty for anything else. */
    public static Optional<String> text(Node node) {
        return switch (node) {
            case TextNode text -> Optional.of(text.value());
            case NumberNode number -> Optional.of(number.text());
            case BoolNode bool -> Optional.of(Boolean.toString(bool.value()));
            default -> Optional.empty();
        };
    }

    public String string(String key, String fallback) {
        return string(key).orElse(fallback);
    }

    /** A string that must be present and not blank. */
    public Optional<String> requiredString(String key) {
        Optional<String> value = string(key);
        if (value.isEmpty() && !has(key)) {
            problem(key, "is required");
            return Optional.empty();
        }
        if (value.isPresent() && value.get().isBlank()) {
            problem(key, "must not be blank");
            return Optional.empty();
        }
        return value;
    }

    public Optional<Boolean> bool(String key) {
        return node(key).flatMap(node -> switch (node) {
            case BoolNode bool -> Optional.of(bool.value());
            case TextNode text when isBoolean(text.value()) -> Optional.of(Boolean.parseBoolean(text.value().trim()));
            case NumberNode number when number.isIntegral() -> Optional.of(number.value() != 0);
            default -> wrongKind(key, node, "true or false");
        });
    }

    public boolean bool(String key, boolean fallback) {
        return bool(key).orElse(fallback);
    }

    /** A whole number; a numeric string is accepted, a fraction is not. */
    public Optional<Long> integer(String key) {
        return node(key).flatMap(node -> switch (node) {
            case NumberNode number when number.isIntegral() -> Optional.of((long) number.value());
            case TextNode text when text.value().trim().matches("[-+]?\\d{1,18}") ->
                Optional.of(Long.parseLong(text.value().trim()));
            default -> wrongKind(key, node, "a whole number");
        });
    }

    /** A whole number within [min, max]. */
    public Optional<Long> integer(String key, long min, long max) {
        Optional<Long> value = integer(key);
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            problem(key, value.get() + " is out of range: must be from " + min + " to " + max);
            return Optional.empty();
        }
        return value;
    }

    /**
     * A duration: a Go duration string ({@code 500ms}, {@code 1m30s}) or a bare whole number (or numeric string),
     * which means seconds, as in ContainerPilot.
     */
    public Optional<Duration> duration(String key) {
        return node(key).flatMap(node -> {
            String text = switch (node) {
                case NumberNode number -> number.text();
                case TextNode value -> value.value();
                default -> null;
            };
            if (text == null) {
                return wrongKind(key, node, "a duration such as \"10s\" or a number of seconds");
            }
            try {
                return Optional.of(GoDuration.parse(text));
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A duration that must not be shorter than {@code minimum}; one that is is a problem, and still returned. */
    public Optional<Duration> duration(String key, Duration minimum) {
        Optional<Duration> value = duration(key);
        value.filter(d -> d.compareTo(minimum) < 0)
                .ifPresent(d -> problem(key, "must be at least " + GoDuration.format(minimum)));
        return value;
    }

    /** A list of strings; a single string is taken as a list of one (ContainerPilot's decoder does the same). */
    public Optional<List<String>> strings(String key) {
        return node(key).flatMap(node -> switch (node) {
            case TextNode text -> Optional.of(List.of(text.value()));
            case ArrayNode array -> stringItems(key, array);
            default -> wrongKind(key, node, "a string or an array of strings");
        });
    }

    /**
     * A command: an array is the exact argv; a string is split into words with shell-like quoting
     * ({@link ShellWords}). Empty commands and bare shell operators ({@code |}, {@code &&}, …) are problems: no shell
     * runs the command, so they would reach the program as arguments.
     */
    public Optional<List<String>> command(String key) {
        Optional<Node> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (node.get() instanceof TextNode text) {
            try {
                Optional<String> operator = ShellWords.shellOperator(text.value());
                if (operator.isPresent()) {
                    problem(key, "\"" + operator.get() + "\" would be passed to the program as an argument: no shell"
                            + " runs the command; write [\"sh\", \"-c\", \"...\"] for pipes, redirection or ;");
                    return Optional.empty();
                }
                return nonEmpty(key, ShellWords.split(text.value()));
            } catch (IllegalArgumentException e) {
                problem(key, e.getMessage());
                return Optional.empty();
            }
        }
        if (node.get() instanceof ArrayNode array) {
            return stringItems(key, array).flatMap(argv -> nonEmpty(key, argv));
        }
        return wrongKind(key, node.get(), "a command string or an array of arguments");
    }

    private Optional<List<String>> nonEmpty(String key, List<String> argv) {
        if (argv.isEmpty() || argv.getFirst().isEmpty()) {
            problem(key, "must name a program to run");
            return Optional.empty();
        }
        return Optional.of(argv);
    }

    /** A nested object, read by {@code decoder} with its own {@link Fields} (whose unknown keys it must finish). */
    public <T> Optional<T> object(String key, BiFunction<Fields, KeyPath, T> decoder) {
        return node(key).flatMap(node -> of(node, path.key(key), problems).map(fields -> {
            T value = decoder.apply(fields, fields.path());
            fields.finish();
            return value;
        }));
    }

    /**
     * Each element of an array of objects, decoded by {@code decoder}; elements with problems are left out.
     * The element's {@code name} (when it has one) goes into its path, so messages stay findable.
     */
    public <T> List<T> objects(String key, BiFunction<Fields, KeyPath, Optional<T>> decoder) {
        Optional<Node> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof ArrayNode array)) {
            wrongKind(key, node.get(), "an array");
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (int i = 0; i < array.items().size(); i++) {
            Node item = array.items().get(i);
            KeyPath itemPath = path.key(key).index(i, nameOf(item));
            of(item, itemPath, problems).ifPresent(fields -> {
                decoder.apply(fields, itemPath).ifPresent(values::add);
                fields.finish();
            });
        }
        return values;
    }

    private void markRead(String key) {
        read.add(key);
        problems.keyRead(path.key(key));
    }

    /** Reports every key of this object that no reader asked for. */
    public void finish() {
        object.fields().forEach((key, node) -> {
            if (!read.contains(key)) {
                problems.add(path.key(key), node.origin(), "unknown key" + Suggestions.hint(key, read));
            }
        });
    }

    private Optional<List<String>> stringItems(String key, ArrayNode array) {
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < array.items().size(); i++) {
            Node item = array.items().get(i);
            switch (item) {
                case TextNode text -> values.add(text.value());
                case NumberNode number -> values.add(number.text());
                case BoolNode bool -> values.add(Boolean.toString(bool.value()));
                default -> {
                    problems.add(path.key(key).index(i), item.origin(), "must be a string, not " + item.kind());
                    ok = false;
                }
            }
        }
        return ok ? Optional.of(List.copyOf(values)) : Optional.empty();
    }

    private <T> Optional<T> wrongKind(String key, Node node, String expected) {
        String shown = switch (node) {
            case TextNode text -> " \"" + text.value() + "\"";
            case NumberNode number -> " " + number.text();
            default -> "";
        };
        problems.add(path.key(key), node.origin(), "must be " + expected + ", not " + node.kind() + shown);
        return Optional.empty();
    }

    private static boolean isBoolean(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        return value.equals("true") || value.equals("false");
    }

    private static String nameOf(Node item) {
        if (item instanceof ObjectNode object && object.fields().get("name") instanceof TextNode name) {
            return name.value();
        }
        return null;
    }
}
