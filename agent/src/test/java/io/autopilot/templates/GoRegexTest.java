package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GoRegexTest {
    private static String replace(String regex, String template, String input) {
        return GoRegex.compile(regex).replaceAll(input, template);
    }

    @Test
    void numberedReferencesExpand() {
        assertThat(replace("(a)(b)", "$2$1", "ab ab")).isEqualTo("ba ba");
        assertThat(replace("(a)", "${1}x", "a")).isEqualTo("ax");
    }

    @Test
    void aNameRunsAsFarAsLettersDigitsAndUnderscoresGo() {
        assertThat(replace("(a)", "$1x", "a")).as("$1x names the group 1x, which is empty").isEqualTo("");
        assertThat(replace("(a)", "$1_", "a")).isEqualTo("");
        assertThat(replace("(a)", "$1-", "a")).isEqualTo("a-");
    }

    @Test
    void namedGroupsExpandByNameIncludingUnderscores() {
        assertThat(replace("(?P<first_name>\\w+) (?P<last>\\w+)", "${last}, ${first_name}", "Ada Lovelace"))
                .isEqualTo("Lovelace, Ada");
        assertThat(replace("(?<word>\\w+)", "[$word]", "hi")).isEqualTo("[hi]");
    }

    @Test
    void dollarDollarIsALiteralAndMalformedReferencesStayAsWritten() {
        assertThat(replace("a", "$$", "a")).isEqualTo("$");
        assertThat(replace("a", "${1", "a")).isEqualTo("${1");
        assertThat(replace("a", "$-", "a")).isEqualTo("$-");
        assertThat(replace("(a)", "$9", "a")).as("an out of range group is empty").isEqualTo("");
        assertThat(replace("(a)|(b)", "[$2]", "a")).as("an unmatched group is empty").isEqualTo("[]");
    }

    @Test
    void emptyMatchesNextToAMatchAreNotReplaced() {
        assertThat(replace("a*", "-", "baaac")).isEqualTo("-b-c-");
        assertThat(replace("x*", "-", "abc")).isEqualTo("-a-b-c-");
        assertThat(replace("", "-", "é😀")).isEqualTo("-é-😀-");
    }

    @Test
    void posixClassesTranslate() {
        assertThat(replace("[[:digit:]]+", "#", "a12b3")).isEqualTo("a#b#");
        assertThat(replace("[[:^alpha:]]", "", "a1-b")).isEqualTo("ab");
        assertThat(replace("[[:word:]]", ".", "a_!")).isEqualTo("..!");
    }

    @Test
    void bracketsAndAmpersandsInsideAClassAreLiterals() {
        assertThat(replace("[[a]", "x", "[a]")).isEqualTo("xx]");
        assertThat(replace("[a&&b]", "x", "a&b")).isEqualTo("xxx");
        assertThat(replace("[]a]", "x", "]a")).isEqualTo("xx");
    }

    @Test
    void onlyNewlineEndsALineForDot() {
        assertThat(replace(".", "x", "a\rb\nc")).isEqualTo("xxx\nx");
    }

    @Test
    void badExpressionsAreRejected() {
        assertThatThrownBy(() -> GoRegex.compile("(")).hasMessageStartingWith("error parsing regexp");
        assertThatThrownBy(() -> GoRegex.compile("[[:nope:]]")).hasMessageStartingWith("error parsing regexp");
    }
}
