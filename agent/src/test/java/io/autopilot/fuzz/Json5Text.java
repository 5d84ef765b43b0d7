package io.autopilot.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** JSON5 values as people write them: comments, unquoted and quoted keys, trailing commas, every kind of literal. */
final class Json5Text {
    static final List<String> TOKENS = List.of("{", "}", "[", "]", ":", ",", "\"", "'", "\\", "\\u00e9", "\\x41",
            "/*", "*/", "//", "\n", "\r\n", "\u2028", "\uFEFF", " ", "\t", "a", "$_", "key", "true", "false", "null",
            "Infinity", "-Infinity", "NaN", "+1", "-0", "0x1F", ".5", "5.", "1e3", "1e400", "007", "99999999999999999999",
            "\"text\"", "'text'", "\"a\\nb\"", "é", "\uD83D\uDE00", "\u0000", "[".repeat(40), "{a:".repeat(40));

    private Json5Text() {
    }

    static Arbitrary<String> values(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.of("true", "false", "null", "Infinity", "-Infinity", "NaN", "0x1F", "+1", ".5", "5.",
                        "1e3", "-0", "12"),
                Arbitraries.strings().ofMaxLength(8).map(Json5Text::quoted),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> value = Arbitraries.lazy(() -> values(depth - 1));
        Arbitrary<String> array = value.list().ofMaxSize(4).map(items -> "[" + String.join(", ", items)
                + (items.isEmpty() ? "" : ",") + "]");
        Arbitrary<String> member = Combinators.combine(key(), value, Arbitraries.of("", " // note\n", " /* c */ "))
                .as((key, v, comment) -> key + ":" + comment + v);
        Arbitrary<String> object = member.list().ofMaxSize(4).map(members -> "{\n" + String.join(",\n", members)
                + "\n}");
        return Arbitraries.frequencyOf(
                Tuple.of(2, scalar), Tuple.of(3, array), Tuple.of(4, object));
    }

    private static Arbitrary<String> key() {
        return Arbitraries.oneOf(Arbitraries.of("jobs", "name", "exec", "$id", "_x", "a1", "é"),
                Arbitraries.strings().ofMaxLength(6).map(Json5Text::quoted));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
