package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.autopilot.decode.Node;
import io.autopilot.decode.Node.NumberNode;
import io.autopilot.decode.Node.ObjectNode;
import io.autopilot.decode.Node.TextNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every feature of the JSON5 spec, including the spec's own examples. */
class Json5ParserTest {
    private static Object plain(String text) {
        return PlainValues.of(Json5Parser.parse(text, "app.json5"));
    }

    private static List<Object> list(String text) {
        return PlainValues.list(Json5Parser.parse(text, "app.json5"));
    }

    private static Map<String, Object> object(String text) {
        return PlainValues.object(Json5Parser.parse(text, "app.json5"));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void parsesTheShortExampleOfTheSpec() {
        String text = """
                // This file is written in JSON5 syntax, naturally, but npm needs a regular
                // JSON file, so compile via `npm run build`. Be sure to keep both in sync!

                {
                  // comments
                  unquoted: 'and you can quote me on that',
                  singleQuotes: 'I can use "double quotes" here',
                  lineBreaks: "Look, Mom! \\
                No \\\\n's!",
                  hexadecimal: 0xdecaf,
                  leadingDecimalPoint: .8675309, andTrailing: 8675309.,
                  positiveSign: +1,
                  trailingComma: 'in objects', andIn: ['arrays',],
                  "backwardsCompatible": "with JSON",
                }
                """;

        assertThat(plain(text)).isEqualTo(map(
                "unquoted", "and you can quote me on that",
                "singleQuotes", "I can use \"double quotes\" here",
                "lineBreaks", "Look, Mom! No \\n's!",
                "hexadecimal", 912559.0,
                "leadingDecimalPoint", 0.8675309, "andTrailing", 8675309.0,
                "positiveSign", 1.0,
                "trailingComma", "in objects", "andIn", List.of("arrays"),
                "backwardsCompatible", "with JSON"));
    }

    @Test
    void parsesTheObjectAndArrayExamplesOfTheSpec() {
        String object = """
                {
                    image: {
                        width: 800,
                        height: 600,
                        title: 'View from 15th Floor',
                        thumbnail: {
                            url: 'http://www.example.com/image/481989943',
                            height: 125,
                            width: 100,
                        },
                        animated : false,
                        ids: [116, 943, 234, 38793],
                    },
                }
                """;
        String array = "[\n  { name: 'Joe', age: 27 },\n  { name: 'Jane', age: 32 },\n]";

        assertThat(plain(object)).isEqualTo(map("image", map("width", 800.0, "height", 600.0,
                "title", "View from 15th Floor",
                "thumbnail", map("url", "http://www.example.com/image/481989943", "height", 125.0, "width", 100.0),
                "animated", false, "ids", List.of(116.0, 943.0, 234.0, 38793.0))));
        assertThat(plain(array)).isEqualTo(List.of(map("name", "Joe", "age", 27.0), map("name", "Jane", "age", 32.0)));
    }

    @Test
    void anyValueMayBeTheTopLevelValue() {
        assertThat(plain("'text'")).isEqualTo("text");
        assertThat(plain(" 42 ")).isEqualTo(42.0);
        assertThat(plain("true")).isEqualTo(true);
        assertThat(plain("null")).isNull();
        assertThat(plain("[]")).isEqualTo(List.of());
        assertThat(plain("{}")).isEqualTo(Map.of());
    }

    @Test
    void unquotedKeysAreEcmaScriptIdentifierNamesIncludingReservedWordsAndEscapes() {
        String text = "{ $dollar: 1, _under: 2, camelCase9: 3, ünïcødé: 4, ǅ: 5, Ⅻ: 6, a\u0301: 7, a\u200Cb: 8,"
                + " a‿b: 9, \\u0061bc: 10, x\\u0031: 11, default: 12, null: 13, true: 14 }";

        assertThat(object(text).keySet()).containsExactly("$dollar", "_under", "camelCase9", "ünïcødé",
                "ǅ", "Ⅻ", "a\u0301", "a\u200Cb", "a‿b", "abc", "x1", "default", "null", "true");
    }

    @Test
    void stringsAcceptEveryEscape() {
        assertThat(plain("'\\'\\\"\\\\\\b\\f\\n\\r\\t\\v\\0'")).isEqualTo("'\"\\\b\f\n\r\t\u000B\0");
        assertThat(plain("\"\\x41\\u00e9\\u00E9\"")).isEqualTo("Aéé");
        assertThat(plain("'\\uD83D\\uDE00'")).isEqualTo("😀");
        assertThat(plain("'\\A\\C\\/\\D\\C'")).as("the spec's example of a needless escape").isEqualTo("AC/DC");
    }

    @Test
    void aBackslashBeforeAnyLineTerminatorContinuesTheString() {
        for (String terminator : List.of("\n", "\r\n", "\r", "\u2028", "\u2029")) {
            assertThat(plain("'Lorem ipsum \\" + terminator + "dolor'")).isEqualTo("Lorem ipsum dolor");
        }
    }

    @Test
    void stringsMayHoldTheUnicodeLineAndParagraphSeparatorsRaw() {
        assertThat(plain("\"a\u2028b\u2029c\"")).isEqualTo("a\u2028b\u2029c");
    }

    @Test
    void singleQuotedStringsHoldDoubleQuotesAndViceVersa() {
        assertThat(plain("[\"it's\", 'say \"hi\"']")).isEqualTo(List.of("it's", "say \"hi\""));
    }

    @Test
    void numbersTakeEveryJson5Form() {
        String text = "[123, -123, 123.456, .456, 123., -.5, +1, 1e3, 1E-2, 2.5e+3, 0, -0, 0.5, 0e1,"
                + " 0xC8, 0XdecaF, -0x14, +0x10, Infinity, -Infinity, +Infinity, NaN, -NaN, +NaN]";

        List<Object> values = list(text);

        assertThat(values.subList(0, 19)).containsExactly(123.0, -123.0, 123.456, 0.456, 123.0, -0.5, 1.0, 1000.0,
                0.01, 2500.0, 0.0, -0.0, 0.5, 0.0, 200.0, 912559.0, -20.0, 16.0, Double.POSITIVE_INFINITY);
        assertThat(values.subList(19, 24)).containsExactly(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Double.NaN, Double.NaN, Double.NaN);
    }

    @Test
    void numberTextIsAsWrittenExceptForSpellingsOnlyJson5Has() {
        String text = "[5, 5.0, 1e3, +7, .5, 5., -0x1E, 0x1E, -Infinity, +NaN, 12345678901234567890]";

        List<Node> items = ((Node.ArrayNode) Json5Parser.parse(text, "app.json5")).items();

        assertThat(items).extracting(node -> ((NumberNode) node).text()).containsExactly("5", "5.0", "1e3", "7",
                "0.5", "5.0", "-30", "30", "-Infinity", "NaN", "12345678901234567890");
        assertThat(((NumberNode) items.get(7)).isIntegral()).as("0x1E is not read as an exponent").isTrue();
    }

    @Test
    void commentsOfBothKindsMayStandWhereverWhiteSpaceMay() {
        String text = "/* lead */ { // line\n a /* before colon */ : /* before value */ 1 /* after */ , // x\r\n"
                + " b: [ /* in */ 2 // end\u2028 , 3 ] } // trailing comment without line break";

        assertThat(plain(text)).isEqualTo(map("a", 1.0, "b", List.of(2.0, 3.0)));
    }

    @Test
    void everyJson5WhiteSpaceCharacterSeparatesTokens() {
        String space = "\t\u000B\f \u00A0\uFEFF\u2003\u3000\n\r\u2028\u2029";

        assertThat(plain(space + "{" + space + "a" + space + ":" + space + "1" + space + "}" + space))
                .isEqualTo(map("a", 1.0));
    }

    @Test
    void trailingCommasAreAllowedOnceInObjectsAndArrays() {
        assertThat(plain("{ a: [1, 2,], b: {c: 3,}, }")).isEqualTo(map("a", List.of(1.0, 2.0), "b", map("c", 3.0)));
    }

    @Test
    void aRepeatedKeyKeepsItsLastValueWhereThatWasWritten() {
        ObjectNode object = (ObjectNode) Json5Parser.parse("{ a: 1, b: 2, a: 3 }", "app.json5");

        assertThat(object.fields().keySet()).containsExactly("b", "a");
        assertThat(object.fields().get("a").origin().column()).isEqualTo(18);
    }

    @Test
    void keysKeepTheirOrder() {
        assertThat(object("{ zeta: 1, alpha: 2, 'mid dle': 3 }").keySet()).containsExactly("zeta", "alpha", "mid dle");
    }

    @Test
    void nestingUpToTheLimitParses() {
        String text = "[".repeat(Json5Parser.MAX_DEPTH) + "]".repeat(Json5Parser.MAX_DEPTH);

        assertThat(Json5Parser.parse(text, "app.json5")).isInstanceOf(Node.ArrayNode.class);
    }

    @Test
    void quotedWordsStayText() {
        assertThat(object("{ a: 'true', b: \"null\", c: '5' }"))
                .containsExactly(entry("a", "true"), entry("b", "null"), entry("c", "5"));
    }

    @Test
    void textNodesCarryTheDecodedValue() {
        assertThat(Json5Parser.parse("'a\\tb'", "app.json5")).isInstanceOf(TextNode.class)
                .extracting(node -> ((TextNode) node).value()).isEqualTo("a\tb");
    }
}
