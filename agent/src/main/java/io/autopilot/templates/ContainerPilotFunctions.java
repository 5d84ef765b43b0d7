package io.autopilot.templates;

import java.math.BigInteger;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

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
            RenderLimits.checkElements(trimmed.codePointCount(0, trimmed.length()), "split");
            return trimmed.codePoints().mapToObj(Character::toString).toList();
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int at = trimmed.indexOf(separator); at >= 0; at = trimmed.indexOf(separator, start)) {
            parts.add(trimmed.substring(start, at));
            RenderLimits.checkElements(parts.size() + 1, "split");
            start = at + separator.length();
        }
        parts.add(trimmed.substring(start));
        return List.copyOf(parts);
    }

    static String join(String separator, List<?> elements) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < elements.size(); i++) {
            String element = GoFormat.value(elements.get(i));
            RenderLimits.checkText((long) out.length() + element.length() + (i > 0 ? separator.length() : 0), "join");
            out.append(i > 0 ? separator : "").append(element);
        }
        return out.toString();
    }

    /** Go's {@code strings.Replace(s, old, new, -1)}: an empty {@code old} inserts before every code point and last. */
    static String replaceAll(String text, String old, String replacement) {
        long places = old.isEmpty() ? text.codePointCount(0, text.length()) + 1L : occurrences(text, old);
        RenderLimits.checkText(text.length() + places * (replacement.length() - old.length()), "replaceAll");
        if (!old.isEmpty()) {
            return text.replace(old, replacement);
        }
        StringBuilder out = new StringBuilder(replacement);
        text.codePoints().forEach(c -> out.appendCodePoint(c).append(replacement));
        return out.toString();
    }

    private static long occurrences(String text, String old) {
        long count = 0;
        for (int at = text.indexOf(old); at >= 0; at = text.indexOf(old, at + old.length())) {
            count++;
        }
        return count;
    }

    /**
     * {@code loop N} counts 0..N-1; {@code loop A B} counts from A towards B, excluding B, up or down. The list
     * computes its elements when asked, so it costs no memory however long; its length is still bounded, as any
     * list a function makes.
     */
    private static List<Long> loop(Object... args) {
        long start = args.length == 2 ? loopBound(args[0]) : 0;
        long stop = loopBound(args[args.length - 1]);
        BigInteger distance = BigInteger.valueOf(stop).subtract(BigInteger.valueOf(start)).abs();
        RenderLimits.checkElements(distance.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue(), "loop");
        int size = distance.intValue();
        long step = start < stop ? 1 : -1;
        return new AbstractList<>() {
            @Override
            public Long get(int index) {
                Objects.checkIndex(index, size);
                return start + step * index;
            }

            @Override
            public int size() {
                return size;
            }
        };
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
