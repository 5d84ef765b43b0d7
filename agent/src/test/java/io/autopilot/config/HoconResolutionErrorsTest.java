package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Errors that Typesafe Config raises while resolving substitutions and gives no place for (found by fuzzing the HOCON
 * path): each is still reported at a line of the file, the one of its first substitution, and says so.
 */
class HoconResolutionErrorsTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("HOME", "/root");

    private static ConfigSyntaxException error(String text) {
        return catchThrowableOfType(ConfigSyntaxException.class, () -> HoconParser.parse(text, "app.conf",
                IntUnaryOperator.identity(), ENVIRONMENT));
    }

    @Test
    void joiningAListWithTextIsReportedAtTheFirstSubstitution() {
        ConfigSyntaxException error = error("jobs = []\nb = ${?HOME}\nb += 1\n");

        assertThat(error.origin().line()).isEqualTo(2);
        assertThat(error.reason()).isEqualTo("cannot join an object or a list with text or a number in one value (no"
                + " line given by the HOCON library: the file's first substitution is on this one)");
    }

    @Test
    void aKeyWrittenAgainAsASubstitutionLoadsOrIsReportedWithALine() {
        ConfigSyntaxException error = error("a = 1\n# a default, then\na = ${?HOME}\n");

        if (error != null) {
            assertThat(error.origin().line()).as(error.getMessage()).isEqualTo(3);
        }
    }

    @Test
    void theFirstSubstitutionIsFoundOutsideStringsAndComments() {
        assertThat(HoconShape.firstSubstitutionLine("a = \"${X}\"\n# ${Y}\nb = \"\"\"\n${Z}\"\"\"\nc = ${W}\n"))
                .isEqualTo(5);
        assertThat(HoconShape.firstSubstitutionLine("a = 1\n")).isEqualTo(1);
    }
}
