package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrintfTest {
    private static String printf(String format, Object... args) {
        return GoFormat.sprintf(format, args);
    }

    @Test
    void stringsAndValues() {
        assertThat(printf("%s|%v|%5s|%-5s|%.2s", "go", "go", "go", "go", "golang")).isEqualTo("go|go|   go|go   |go");
        assertThat(printf("%v %v %v", List.of("a", "b", "c"), Map.of("k", "v"), null)).isEqualTo("[a b c] map[k:v] <nil>");
        assertThat(printf("%s", List.of("x", "y"))).isEqualTo("[x y]");
    }

    @Test
    void quotedStringsAndRunes() {
        assertThat(printf("%q", "say \"hi\"\n\ttab é \u0001")).isEqualTo("\"say \\\"hi\\\"\\n\\ttab é \\x01\"");
        assertThat(printf("%#q", "raw")).isEqualTo("`raw`");
        assertThat(printf("%q", 120L)).isEqualTo("'x'");
        assertThat(printf("%q", List.of("a", "b"))).isEqualTo("[\"a\" \"b\"]");
    }

    @Test
    void integers() {
        assertThat(printf("%d|%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%b|%c|%U", 42, 42, 42, -42, 42, 255, 255, 255, 8, 5, 65, 0x1F600))
                .isEqualTo("42|   42|42   |-0042|+42|ff|FF|0xff|10|101|A|U+1F600");
        assertThat(printf("%.3d|%8.3d|% d", 7, -7, 7)).isEqualTo("007|    -007| 7");
        assertThat(printf("%d", new BigInteger("123456789012345678901234567890"))).isEqualTo("123456789012345678901234567890");
        assertThat(printf("%d", List.of(1, 2))).isEqualTo("[1 2]");
    }

    @Test
    void floatsRoundTheExactValueHalfToEven() {
        assertThat(printf("%f|%.2f|%.0f|%.0f|%8.3f|%-8.1f|%+.1f", 3.14159, 2.675, 2.5, 3.5, 3.14159, 2.0, 1.25))
                .isEqualTo("3.141590|2.67|2|4|   3.142|2.0     |+1.2");
        assertThat(printf("%e|%E|%.2e|%g|%g|%.3g|%G", 1234.5678, 1234.5678, 0.000123, 1e21, 100000.0, 1234.5678, 1e-7))
                .isEqualTo("1.234568e+03|1.234568E+03|1.23e-04|1e+21|100000|1.23e+03|1E-07");
        assertThat(printf("%v %v %v %v %v", 1.0, 0.1, 1e6, 123456.0, -0.0)).isEqualTo("1 0.1 1e+06 123456 -0");
        assertThat(printf("%06.2f|%v|%v|%5.1f", -1.5, Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY))
                .isEqualTo("-01.50|+Inf|NaN| -Inf");
        assertThat(printf("%v", 0.1f)).as("float32 prints its own shortest form").isEqualTo("0.1");
    }

    @Test
    void plusWithVerbVNamesRecordFieldsButSignsNoNumbers() {
        record Point(int x, double y) {
        }
        assertThat(printf("%+v|%+v|%+d", 5, new Point(1, -2.5), 5)).isEqualTo("5|{x:1 y:-2.5}|+5");
    }

    @Test
    void booleansAndTypes() {
        assertThat(printf("%t %v %T %T %T", true, false, "s", 1, List.of("a"))).isEqualTo("true false string int []string");
    }

    @Test
    void hexOfStrings() {
        assertThat(printf("%x %X % x", "hi", "hi", "é")).isEqualTo("6869 6869 c3 a9");
    }

    @Test
    void percentSignsAndMistakesPrintAsGoPrintsThem() {
        assertThat(printf("100%%")).isEqualTo("100%");
        assertThat(printf("%d", "str")).isEqualTo("%!d(string=str)");
        assertThat(printf("%s", 5)).isEqualTo("%!s(int=5)");
        assertThat(printf("%s %s", "a")).isEqualTo("a %!s(MISSING)");
        assertThat(printf("%s", "a", 1, "b")).isEqualTo("a%!(EXTRA int=1, string=b)");
        assertThat(printf("%d", (Object) null)).isEqualTo("%!d(<nil>)");
        assertThat(printf("abc%")).isEqualTo("abc%!(NOVERB)");
    }

    @Test
    void starTakesWidthAndPrecisionFromArguments() {
        assertThat(printf("%*d|%-*d|%.*f", 4, 7, 3, 7, 1, 2.25)).isEqualTo("   7|7  |2.2");
    }

    @Test
    void printfInATemplateFormatsItsArguments() {
        Template template = Template.parse("t", "{{ printf \"%s:%d %.2f %v %q\" .H 80 1.005 .L .H }}", Functions.builtins());
        assertThat(template.render(Map.of("H", "db", "L", List.of(1, 2))))
                .isEqualTo("db:80 1.00 [1 2] \"db\"");
    }
}
