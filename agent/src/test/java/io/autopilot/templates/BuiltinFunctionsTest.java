package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BuiltinFunctionsTest {
    private static String render(String text, Object data) {
        return Template.parse("t", text, Functions.builtins()).render(data);
    }

    private static String render(String text) {
        return render(text, Map.of());
    }

    @Test
    void andReturnsTheFirstFalseArgumentOrTheLast() {
        assertThat(render("{{ and 1 0 2 }}|{{ and 1 2 3 }}|{{ and \"\" 1 }}")).isEqualTo("0|3|");
    }

    @Test
    void orReturnsTheFirstTrueArgumentOrTheLast() {
        assertThat(render("{{ or 0 \"\" \"x\" 1 }}|{{ or 0 false }}|{{ .Missing | or \"fallback\" }}"))
                .isEqualTo("x|false|fallback");
    }

    @Test
    void andAndOrStopEvaluatingOnceDecided() {
        assertThat(render("{{ or 1 .A.B.C }}{{ and 0 (index .L 9) }}", Map.of("L", List.of()))).isEqualTo("10");
    }

    @Test
    void notNegatesTruth() {
        assertThat(render("{{ not 0 }} {{ not \"x\" }} {{ not .Missing }}")).isEqualTo("true false true");
    }

    @Test
    void lenCountsUtf8BytesOfStringsAndElementsOfCollections() {
        assertThat(render("{{ len \"abc\" }} {{ len \"é\" }} {{ len .L }} {{ len .M }}",
                Map.of("L", List.of(1, 2, 3), "M", Map.of("a", 1)))).isEqualTo("3 2 3 1");
        assertThatThrownBy(() -> render("{{ len 3 }}")).hasMessageEndingWith("error calling len: len of type int");
    }

    @Test
    void indexReachesIntoListsMapsAndStrings() {
        Map<String, Object> data = Map.of("L", List.of(List.of("a", "b"), List.of("c")), "M", Map.of("k", "v"));
        assertThat(render("{{ index .L 1 0 }} {{ index .M \"k\" }} [{{ index .M \"x\" }}] {{ index \"abc\" 1 }}", data))
                .isEqualTo("c v [] 98");
        assertThat(render("{{ index . }}", "itself")).isEqualTo("itself");
        assertThatThrownBy(() -> render("{{ index .L 5 }}", data))
                .hasMessageEndingWith("error calling index: index out of range: 5");
        assertThatThrownBy(() -> render("{{ index .L \"x\" }}", data))
                .hasMessageEndingWith("error calling index: cannot index slice/array with type string");
    }

    @Test
    void indexFindsIntegerKeysOfJavaMaps() {
        assertThat(render("{{ index . 2 }}", Map.of(2, "two"))).isEqualTo("two");
    }

    @Test
    void sliceCutsListsAndStrings() {
        Map<String, Object> data = Map.of("L", List.of(1, 2, 3, 4));
        assertThat(render("{{ slice .L 1 3 }} {{ slice .L 2 }} {{ slice .L }} {{ slice \"hello\" 1 4 }}", data))
                .isEqualTo("[2 3] [3 4] [1 2 3 4] ell");
        assertThatThrownBy(() -> render("{{ slice .L 3 1 }}", data))
                .hasMessageEndingWith("error calling slice: invalid slice index: 3 > 1");
        assertThatThrownBy(() -> render("{{ slice \"abc\" 0 1 2 }}"))
                .hasMessageEndingWith("error calling slice: cannot 3-index slice a string");
    }

    @Test
    void printAddsSpacesOnlyBetweenNonStrings() {
        assertThat(render("{{ print 1 2 }}|{{ print \"a\" \"b\" }}|{{ print \"a\" 1 \"b\" }}|{{ print 1 \"a\" 2 }}"))
                .isEqualTo("1 2|ab|a1b|1a2");
    }

    @Test
    void printlnSeparatesEverythingAndEndsTheLine() {
        assertThat(render("{{ println \"a\" \"b\" 3 }}")).isEqualTo("a b 3\n");
    }

    @Test
    void htmlJsAndUrlqueryEscapeLikeGo() {
        assertThat(render("{{ html \"<a href='x'>&\\\"</a>\" }}")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&#34;&lt;/a&gt;");
        assertThat(render("{{ js \"it's <b>\\\"=&\\\\\\n\" }}"))
                .isEqualTo("it\\'s \\u003Cb\\u003E\\\"\\u003D\\u0026\\\\\\u000A");
        assertThat(render("{{ urlquery \"a b&c=d/é~\" }}")).isEqualTo("a+b%26c%3Dd%2F%C3%A9~");
        assertThat(render("{{ html 1 \"<\" }}")).isEqualTo("1&lt;");
    }

    @Test
    void eqIsTrueWhenAnyLaterArgumentMatches() {
        assertThat(render("{{ eq 1 2 3 1 }} {{ eq \"a\" \"b\" \"c\" }} {{ eq .X \"\" }}")).isEqualTo("true false true");
    }

    @Test
    void integersOfEveryWidthCompareByValue() {
        Map<String, Object> data = Map.of("Int", 5, "Long", 5L, "Short", (short) 4);
        assertThat(render("{{ eq .Int .Long }} {{ lt .Short .Int }} {{ eq .Int 5 }}", data)).isEqualTo("true true true");
    }

    @Test
    void orderingComparisonsWorkOnNumbersAndStrings() {
        assertThat(render("{{ lt 1 2 }} {{ le 2 2 }} {{ gt 1.5 2.5 }} {{ ge \"b\" \"a\" }} {{ ne 1 2 }}"))
                .isEqualTo("true true false true true");
    }

    @Test
    void comparingIncompatibleTypesIsAnError() {
        assertThatThrownBy(() -> render("{{ eq 1 \"1\" }}"))
                .hasMessageEndingWith("error calling eq: incompatible types for comparison");
        assertThatThrownBy(() -> render("{{ lt 1 1.5 }}"))
                .as("Go does not compare an int with a float")
                .hasMessageEndingWith("error calling lt: incompatible types for comparison");
        assertThatThrownBy(() -> render("{{ lt true false }}"))
                .hasMessageEndingWith("error calling lt: invalid type for comparison");
        assertThatThrownBy(() -> render("{{ eq .L .L }}", Map.of("L", List.of("a"))))
                .hasMessageEndingWith("error calling eq: non-comparable type [a]: []string");
    }

    @Test
    void nilEqualsOnlyNil() {
        assertThat(render("{{ eq nil nil }} {{ eq 1 nil }}")).isEqualTo("true false");
    }

    @Test
    void callInvokesFunctionValuesFromTheData() {
        Map<String, Object> data = Map.of(
                "Twice", (Function<Object, Object>) value -> value + "" + value,
                "Hello", (Supplier<String>) () -> "hello",
                "Join", (TemplateFunction) args -> args.length);
        assertThat(render("{{ call .Twice \"ab\" }} {{ call .Hello }} {{ call .Join 1 2 3 }}", data))
                .isEqualTo("abab hello 3");
        assertThatThrownBy(() -> render("{{ call .X }}", Map.of("X", "s")))
                .hasMessageEndingWith("error calling call: non-function of type string");
    }

    @Test
    void builtinsCheckTheirArgumentCountWithGoWording() {
        assertThatThrownBy(() -> render("{{ not 1 2 }}")).hasMessageEndingWith("wrong number of args for not: want 1 got 2");
        assertThatThrownBy(() -> render("{{ and }}")).hasMessageEndingWith("wrong number of args for and: want at least 1 got 0");
    }
}
