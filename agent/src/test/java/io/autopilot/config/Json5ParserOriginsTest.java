package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autopilot.decode.Node;
import io.autopilot.decode.Origin;
import org.junit.jupiter.api.Test;

/** Every value knows the line and column of its first character, mapped back to the source file's lines. */
class Json5ParserOriginsTest {
    private static final String CONFIG = """
            {
              consul: "localhost:8500",
              jobs: [
                {
                  name: 'web',
                  port: -8080,
                  health: { interval: 5, ttl: 10 },
                },
              ],
            }""";

    @Test
    void nestedValuesCarryTheLineAndColumnOfTheirFirstCharacter() {
        Node root = Json5Parser.parse(CONFIG, "app.json5");

        assertThat(root.origin()).isEqualTo(Origin.of("app.json5", 1, 1));
        assertThat(PlainValues.at(root, "consul").origin()).isEqualTo(Origin.of("app.json5", 2, 11));
        assertThat(PlainValues.at(root, "jobs").origin()).isEqualTo(Origin.of("app.json5", 3, 9));
        assertThat(PlainValues.at(root, "jobs", 0).origin()).isEqualTo(Origin.of("app.json5", 4, 5));
        assertThat(PlainValues.at(root, "jobs", 0, "name").origin()).isEqualTo(Origin.of("app.json5", 5, 13));
        assertThat(PlainValues.at(root, "jobs", 0, "port").origin()).as("a sign is the first character")
                .isEqualTo(Origin.of("app.json5", 6, 13));
        assertThat(PlainValues.at(root, "jobs", 0, "health").origin()).isEqualTo(Origin.of("app.json5", 7, 15));
        assertThat(PlainValues.at(root, "jobs", 0, "health", "ttl").origin()).isEqualTo(Origin.of("app.json5", 7, 35));
    }

    @Test
    void theLineMappingIsAppliedToEveryOriginAndTheColumnIsKept() {
        Node root = Json5Parser.parse(CONFIG, "app.json5", line -> line * 10);

        assertThat(root.origin()).isEqualTo(Origin.of("app.json5", 10, 1));
        assertThat(PlainValues.at(root, "jobs", 0, "health", "ttl").origin()).isEqualTo(Origin.of("app.json5", 70, 35));
    }

    @Test
    void theLineMappingIsAppliedToErrorsWhileTheExcerptShowsTheRenderedText() {
        ConfigSyntaxException error = catchThrowableOfType(ConfigSyntaxException.class,
                () -> Json5Parser.parse("{\n  a: 1\n  b: 2\n}", "app.json5", line -> line + 100));

        assertThat(error.origin()).isEqualTo(Origin.of("app.json5", 103, 3));
        assertThat(error.getMessage()).startsWith("app.json5:103:3: expected ',' or '}' after the value of \"a\"")
                .endsWith("      a: 1\n      b: 2\n      ^");
    }

    @Test
    void crLfAndLoneCrEndLinesButUnicodeSeparatorsDoNot() {
        Node root = Json5Parser.parse("{\r\n a: 1,\r b: 2, // note\u2028 c: 3 }", "app.json5");

        assertThat(PlainValues.at(root, "a").origin()).isEqualTo(Origin.of("app.json5", 2, 5));
        assertThat(PlainValues.at(root, "b").origin()).isEqualTo(Origin.of("app.json5", 3, 5));
        assertThat(PlainValues.at(root, "c").origin()).isEqualTo(Origin.of("app.json5", 3, 20));
    }

    @Test
    void aStringContinuedOverLinesStartsAtItsQuoteAndLaterLinesCountOn() {
        Node root = Json5Parser.parse("{ a: 'one \\\ntwo', b: true }", "app.json5");

        assertThat(PlainValues.at(root, "a").origin()).isEqualTo(Origin.of("app.json5", 1, 6));
        assertThat(PlainValues.at(root, "b").origin()).isEqualTo(Origin.of("app.json5", 2, 10));
    }

    @Test
    void columnsCountCharactersNotUtf16UnitsAndATabIsOne() {
        Node root = Json5Parser.parse("{ '😀': 1,\tb: 2 }", "app.json5");

        assertThat(PlainValues.at(root, "😀").origin().column()).isEqualTo(8);
        assertThat(PlainValues.at(root, "b").origin().column()).isEqualTo(14);
    }

    @Test
    void theCaretLinesUpUnderTabs() {
        ConfigSyntaxException error = catchThrowableOfType(ConfigSyntaxException.class,
                () -> Json5Parser.parse("{\n\t\ta: x\n}", "app.json5"));

        assertThat(error.excerpt()).isEqualTo("    {\n    \t\ta: x\n    \t\t   ^");
    }

    @Test
    void aLongLineIsCutToAWindowAroundTheError() {
        String text = "{" + "a: 1, ".repeat(50) + "b: ? }";

        ConfigSyntaxException error = catchThrowableOfType(ConfigSyntaxException.class,
                () -> Json5Parser.parse(text, "app.json5"));

        String[] lines = error.excerpt().split("\n");
        assertThat(lines[0]).startsWith("    ...").hasSizeLessThan(110);
        assertThat(lines[1].indexOf('^')).isEqualTo(lines[0].indexOf('?'));
    }
}
