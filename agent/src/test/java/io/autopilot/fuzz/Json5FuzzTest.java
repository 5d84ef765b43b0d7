package io.autopilot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.config.ConfigSyntaxException;
import io.autopilot.config.Json5Parser;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The JSON5 parser, given text made of JSON5's own pieces: it returns a tree or a syntax error with a line. */
class Json5FuzzTest {
    @Property
    void parsesOrReportsASyntaxErrorWithItsLine(@ForAll("json5") String text) {
        Trial trial = Trial.run(() -> Json5Parser.parse(text, "fuzz.json5"));

        Fuzzing.assertEndedWell(trial, ConfigSyntaxException.class);
        if (trial.thrown() instanceof ConfigSyntaxException error) {
            assertThat(error.origin().line()).as(error.getMessage()).isPositive();
            assertThat(error.origin().column()).as(error.getMessage()).isPositive();
        }
    }

    @Provide
    Arbitrary<String> json5() {
        return Arbitraries.oneOf(Json5Text.values(3), Json5Text.values(3).flatMap(Fuzzing::mutated),
                Fuzzing.soup(Json5Text.TOKENS));
    }
}
