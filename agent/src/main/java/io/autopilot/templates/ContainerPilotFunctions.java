package io.autopilot.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The functions ContainerPilot adds to Go's ({@code config/template/template.go}), with its semantics. */
final class ContainerPilotFunctions {
    private ContainerPilotFunctions() {
    }

    static Functions register(Functions functions, Function<String, String> environment) {
        return functions
                .with("default", 2, args -> defaultValue(args[0], args[1]))
                .with("env", 1, args -> {
                    String value = environment.apply(Arguments.string(args[0]));
                    return value == null ? "" : value;
                })
                .with("split", 2, args -> split(Arguments.string(args[0]), Arguments.string(args[1])))
                .with("join", 2, args -> join(Arguments.string(args[0]), Arguments.list(args[1])))
                .with("replaceAll", 3, args -> replaceAll(
                        Arguments.string(args[2]), Arguments.string(args[0]), Arguments.string(args[1])))
                .with("regexReplaceAll", 3, args -> GoRegex.compile(Arguments.string(args[0]))
                        .replaceAll(Arguments.string(args[2]), Arguments.string(args[1])))
                .with("loop", 1, 2, ContainerPilotFunctions::loop);
    }

    /** {@code .X | default "y"}: the value when it is a non-empty string, else the default printed with %v. */
    static String defaultValue(Object fallback, Object value) {
        if (Kind.of(value) == Kind.STRING && !Kind.string(value).isEmpty()) {
            return Kind.string(value);
        }
        return GoFormat.value(fallback);
    }

    /** Go's {@code strings.Split} of the trimmed text; empty text gives an empty list, not a list of one "". */
    static List<String> split(String separator, String text) {
        String trimmed = GoStrings.trimSpace(text);
        if (trimmed.isEmpty()) {
            return List.of();
        }
        if (separator.isEmpty()) {
            return trimmed.codePoints().mapToObj(Character::toString).toList();
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int at = trimmed.indexOf(separator); at >= 0; at = trimmed.indexOf(separator, start)) {
            parts.add(trimmed.substring(start, at));
            start = at + separator.length();
        }
        parts.add(trimmed.substring(start));
        return List.copyOf(parts);
    }

    static String join(String separator, List<?> elements) {
        return elements.stream().map(GoFormat::value).collect(Collectors.joining(separator));
    }

    /** Go's {@code strings.Replace(s, old, new, -1)}: an empty {@code old} inserts before every code point and last. */
    static String replaceAll(String text, String old, String replacement) {
        if (!old.isEmpty()) {
            return text.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder(replacement);
        text.codePoints().forEach(c -> out.appendCodePoint(c).append(replacement));
        return out.toString();
    }

    /** {@code loop N} counts 0..N-1; {@code loop A B} counts from A towards B, excluding B, up or down. */
    private static List<Long> loop(Object... args) {
        long start = args.length == 2 ? loopBound(args[0]) : 0;
        long stop = loopBound(args[args.length - 1]);
        List<Long> values = new ArrayList<>();
        if (start < stop) {
            for (long i = start; i < stop; i++) {
                values.add(i);
            }
        } else {
            for (long i = start; i > stop; i--) {
                values.add(i);
            }
        }
        return List.copyOf(values);
    }

    private static long loopBound(Object value) {
        if (Kind.of(value) == Kind.INT) {
            return Kind.bigInteger(value).longValueExact();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("strconv.Atoi: parsing " + GoQuote.quote(text)
                        + ": invalid syntax", e);
            }
        }
        throw new IllegalArgumentException("loop: expected an integer or a numeric string, got "
                + Kind.typeName(value) + " " + GoFormat.value(value));
    }
}
