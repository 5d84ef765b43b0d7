package io.autopilot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.ConfigFormat;
import io.autopilot.config.ConfigSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The HOCON path (the shape check, then Typesafe Config), given text made of HOCON's own pieces: it returns a tree or
 * a syntax error with a line, never Typesafe's stack overflow or an exception of its own.
 */
class HoconFuzzTest {
    private static final List<String> TOKENS = List.of("{", "}", "[", "]", "=", ":", "+=", ",", ".", "\n", " ",
            "${", "${?", "}", "\"", "\"\"\"", "#", "//", "\\", "include \"x.conf\"", "include required(\"y\")",
            "a", "b.c", "\"q.k\"", "HOME", "X", "1", "1.5", "-2", "true", "null", "5s", "0x1F", "é", "\u0000",
            "a {".repeat(30), "a.".repeat(40), "${a}".repeat(70), "[".repeat(40));
    private static final Map<String, String> ENVIRONMENT = Map.of("HOME", "/root", "X", "1");

    @Property
    void parsesOrReportsASyntaxErrorWithItsLine(@ForAll("hocon") String text) {
        Trial trial = Trial.run(() -> ConfigFormat.HOCON.parse(text, "fuzz.conf", IntUnaryOperator.identity(),
                ENVIRONMENT));

        Fuzzing.assertEndedWell(trial, ConfigSyntaxException.class);
        if (trial.thrown() instanceof ConfigSyntaxException error) {
            assertThat(error.origin().line()).as(error.getMessage()).isPositive();
        }
    }

    @Provide
    Arbitrary<String> hocon() {
        return Arbitraries.oneOf(objects(3), objects(3).flatMap(Fuzzing::mutated), Fuzzing.soup(TOKENS));
    }

    private static Arbitrary<String> objects(int depth) {
        Arbitrary<String> key = Arbitraries.of("a", "b", "a.b", "\"c.d\"", "jobs", "x-y", "HOME");
        Arbitrary<String> scalar = Arbitraries.of("1", "1.5", "true", "null", "text", "\"quoted\"", "${HOME}",
                "${?NOPE}", "${a}", "\"\"\"multi\nline\"\"\"", "5s", "[1, 2,]", "${HOME}/bin");
        Arbitrary<String> value = depth == 0 ? scalar : Arbitraries.oneOf(scalar,
                Arbitraries.lazy(() -> objects(depth - 1)).map(body -> "{\n" + body + "\n}"));
        return Combinators.combine(key, Arbitraries.of(" = ", ": ", " ", " += "), value)
                .as((k, separator, v) -> k + separator + v)
                .list().ofMaxSize(5).map(members -> String.join("\n", members));
    }
}
