package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autopilot.decode.Origin;
import org.junit.jupiter.api.Test;

/** Typical mistakes, each reported at the right line and column with a message that says what to fix. */
class Json5ParserErrorsTest {
    private static ConfigSyntaxException error(String text) {
        return catchThrowableOfType(ConfigSyntaxException.class, () -> Json5Parser.parse(text, "app.json5"));
    }

    @Test
    void aMissingCommaNamesTheKeyBeforeItAndShowsBothLines() {
        ConfigSyntaxException error = error("{\n  interval: 5\n  \"ttl\": 10\n}");

        assertThat(error.getMessage()).isEqualTo("""
                app.json5:3:3: expected ',' or '}' after the value of "interval", found '"'
                      interval: 5
                      "ttl": 10
                      ^""");
        assertThat(error.origin()).isEqualTo(Origin.of("app.json5", 3, 3));
    }

    @Test
    void aMissingCommaInAnArrayNamesTheElementBeforeIt() {
        assertThat(error("[1, 2 3]").reason()).isEqualTo("expected ',' or ']' after element [1] of the array, found '3'");
    }

    @Test
    void anObjectLeftOpenAtTheEndPointsAtItsOpeningBrace() {
        ConfigSyntaxException error = error("{\n  jobs: [],\n  consul: { address: 'localhost' }\n");

        assertThat(error.origin()).isEqualTo(Origin.of("app.json5", 1, 1));
        assertThat(error.reason()).isEqualTo(
                "'{' is never closed: expected ',' or '}' after the value of \"consul\", found end of file");
    }

    @Test
    void anArrayLeftOpenAtTheEndPointsAtItsOpeningBracket() {
        ConfigSyntaxException error = error("{ tags: [\n 'a',\n 'b'");

        assertThat(error.origin()).isEqualTo(Origin.of("app.json5", 1, 9));
        assertThat(error.reason()).isEqualTo(
                "'[' is never closed: expected ',' or ']' after element [1] of the array, found end of file");
    }

    @Test
    void aStrayClosingBraceAfterTheTopLevelValueIsOneTooMany() {
        ConfigSyntaxException error = error("{ a: 1 }\n}");

        assertThat(error.origin()).isEqualTo(Origin.of("app.json5", 2, 1));
        assertThat(error.reason()).isEqualTo("expected end of file after the top-level value, found '}'"
                + " (one '}' too many?)");
    }

    @Test
    void aClosingBraceWhereABracketBelongsIsNamed() {
        assertThat(error("{ a: [1, 2} }").reason())
                .isEqualTo("expected ',' or ']' after element [1] of the array, found '}'");
    }

    @Test
    void garbageAfterTheTopLevelValueIsAnError() {
        ConfigSyntaxException error = error("{} {}");

        assertThat(error.origin().column()).isEqualTo(4);
        assertThat(error.reason()).isEqualTo("expected end of file after the top-level value, found '{'"
                + " (a file holds a single value)");
    }

    @Test
    void badEscapesArePointedAtTheirBackslash() {
        assertThat(error("{ a: 'x\\x4G' }").reason())
                .isEqualTo("invalid escape '\\x4': \\x must be followed by 2 hex digits, found 'G'");
        assertThat(error("{ a: 'x\\x4G' }").origin().column()).isEqualTo(8);
        assertThat(error("'\\u12'").reason())
                .isEqualTo("invalid escape '\\u12': \\u must be followed by 4 hex digits, found \"'\"");
        assertThat(error("'\\1'").reason())
                .isEqualTo("invalid escape '\\1': a digit cannot be escaped (only \\0 is allowed)");
        assertThat(error("'\\01'").reason())
                .isEqualTo("invalid escape '\\01': \\0 must not be followed by a digit (there are no octal escapes)");
    }

    @Test
    void anUnterminatedStringPointsAtItsOpeningQuote() {
        ConfigSyntaxException error = error("{\n  exec: \"/bin/app,\n  port: 80\n}");

        assertThat(error.origin()).isEqualTo(Origin.of("app.json5", 2, 9));
        assertThat(error.reason()).isEqualTo("string is never closed: no closing '\"' before the end of its line"
                + " (write \\n for a line break, or end the line with \\ to continue the string)");
        assertThat(error("'abc").reason()).startsWith("string is never closed: no closing \"'\" before the end of the file");
    }

    @Test
    void anUnterminatedCommentPointsAtItsStart() {
        ConfigSyntaxException error = error("{ a: 1 }\n  /* the end\n");

        assertThat(error.origin()).isEqualTo(Origin.of("app.json5", 2, 3));
        assertThat(error.reason()).isEqualTo("comment is never closed: this '/*' has no matching '*/'");
    }

    @Test
    void aLeadingZeroIsRefused() {
        ConfigSyntaxException error = error("{ port: 01 }");

        assertThat(error.origin().column()).isEqualTo(9);
        assertThat(error.reason()).isEqualTo("'01' is not a valid number: leading zeros are not allowed");
        assertThat(error("-007.5").reason()).isEqualTo("'-007.5' is not a valid number: leading zeros are not allowed");
    }

    @Test
    void anEmptyFileOrOneWithOnlyCommentsHasNoValue() {
        assertThat(error("").getMessage()).isEqualTo("app.json5:1:1: expected a value, found end of file (the file is empty)\n    \n    ^");
        assertThat(error("// nothing\n").origin()).isEqualTo(Origin.of("app.json5", 2, 1));
    }

    @Test
    void aMissingColonNamesTheKey() {
        assertThat(error("{ a 1 }").reason()).isEqualTo("expected ':' after the key \"a\", found '1'");
    }

    @Test
    void aKeyWithADashMustBeQuoted() {
        assertThat(error("{ my-key: 1 }").reason())
                .isEqualTo("expected ':' after the key \"my\", found '-' (a key with this character must be quoted)");
        assertThat(error("{ 8080: 'http' }").reason())
                .isEqualTo("expected a key or '}', found '8080' (a key that is not a name must be quoted)");
    }

    @Test
    void unquotedTextIsNotAValue() {
        assertThat(error("{ exec: hello }").reason())
                .isEqualTo("expected a value for \"exec\", found 'hello'; text must be quoted: \"hello\"");
        assertThat(error("{ exec: /bin/app }").reason()).isEqualTo("expected a value for \"exec\", found '/'");
        assertThat(error("{ on: True }").reason()).isEqualTo("expected a value for \"on\", found 'True'; did you mean true?");
    }

    @Test
    void aDurationOrVersionWithoutQuotesIsNotANumber() {
        ConfigSyntaxException error = error("{ interval: 5s }");

        assertThat(error.origin().column()).isEqualTo(13);
        assertThat(error.reason()).isEqualTo("'5s' is not a number; if it is meant as text, quote it: \"5s\"");
        assertThat(error("[1.2.3]").reason()).isEqualTo("'1.2.3' is not a number; if it is meant as text, quote it: \"1.2.3\"");
        assertThat(error("[-Infinityx]").reason()).isEqualTo("expected a number after '-', found 'Infinityx'");
    }

    @Test
    void malformedNumbersSayWhatIsMissing() {
        assertThat(error("[1e]").reason()).isEqualTo("'1e' is not a valid number: the exponent has no digits");
        assertThat(error("[0x]").reason()).isEqualTo("expected hex digits after '0x', found ']'");
        assertThat(error("[.]").reason()).isEqualTo("expected a digit before or after '.', found ']'");
        assertThat(error("[+]").reason()).isEqualTo("expected a number after '+', found ']'");
    }

    @Test
    void aMissingValueOrADoubleCommaIsNamed() {
        assertThat(error("{ a: }").reason()).isEqualTo("expected a value for \"a\", found '}'");
        assertThat(error("[1,,2]").reason()).isEqualTo("expected a value or ']', found ','");
        assertThat(error("{ a: 1,, }").reason()).isEqualTo("expected a key or '}', found ','");
    }

    @Test
    void nestingBeyondTheLimitIsAnErrorNotAStackOverflow() {
        String text = "[".repeat(100_000);

        ConfigSyntaxException error = error(text);

        assertThat(error.origin().column()).isEqualTo(Json5Parser.MAX_DEPTH + 1);
        assertThat(error.reason()).isEqualTo("too deeply nested: more than " + Json5Parser.MAX_DEPTH
                + " objects and arrays inside one another");
    }

    @Test
    void aBadlyEscapedUnquotedKeyMustBeQuoted() {
        assertThat(error("{ a\\u002Db: 1 }").reason())
                .isEqualTo("'\\u002D' stands for a character that cannot be part of an unquoted key; quote the key");
        assertThat(error("{ a\\nb: 1 }").reason())
                .isEqualTo("a backslash in an unquoted key must start a \\uXXXX escape; quote the key");
    }
}
