package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autopilot.testing.AgentStack;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Every {@link RenderLimits} bound, reached by a template or its data: each ends the parse or the render with an
 * error at a line and column, on the agent's own stack size, instead of a stack overflow, a heap exhausted or a
 * render that never returns.
 */
class RenderLimitsTest {
    private static final Functions FUNCTIONS = Functions.containerPilot(name -> null);

    private static TemplateException error(String text) throws Exception {
        return error(text, FUNCTIONS);
    }

    private static TemplateException error(String text, Functions functions) throws Exception {
        return AgentStack.call(() -> catchThrowableOfType(TemplateException.class,
                () -> Template.parse("t", text, functions).render(Map.of())));
    }

    private static String render(String text) throws Exception {
        return AgentStack.call(() -> Template.parse("t", text, FUNCTIONS).render(Map.of()));
    }

    @Test
    void aStarWidthOrPrecisionBeyondAMillionIsGosBadWidthOrBadPrec() throws Exception {
        assertThat(render("{{ printf \"%*d|\" 10000000 1 }}")).isEqualTo("%!(BADWIDTH)1|");
        assertThat(render("{{ printf \"%.*d|\" 10000000 1 }}")).isEqualTo("%!(BADPREC)1|");
        assertThat(render("{{ printf \"%.*d|\" -1 1 }}")).isEqualTo("%!(BADPREC)1|");
        assertThat(render("{{ printf \"%*d|\" \"x\" 1 }}")).isEqualTo("%!(BADWIDTH)1|");
        assertThat(render("{{ printf \"%*d|%*d\" 1000000 1 -3 2 }}")).endsWith("1|2  ");
    }

    @Test
    void aWrittenWidthThatOverflowsEndsTheFormatWithoutAVerbAsInGo() throws Exception {
        // Go's parsenum gives up on a number past 1e6 and takes the rest of the format with it.
        assertThat(render("{{ printf \"%0999999999d\" 1 }}")).isEqualTo("%!(NOVERB)%!(EXTRA int=1)");
        assertThat(render("{{ printf \"%.99999999f\" 1.5 }}")).isEqualTo("%!(NOVERB)%!(EXTRA float64=1.5)");
    }

    @Test
    void aWidthWithinGosBoundButPastTheTextLimitIsAnError() throws Exception {
        TemplateException error = error("{{ printf \"%09999999d\" 1 }}");

        assertThat(error.line()).isEqualTo(1);
        assertThat(error.reason()).endsWith("%d: the result would be longer than 1048576 characters, the limit of"
                + " a string in a template");
    }

    @Test
    void aLoopLongerThanTheListLimitIsAnErrorAtItsCall() throws Exception {
        TemplateException error = error("a\n{{ range loop 100000000 }}x{{ end }}");

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(10);
        assertThat(error.reason()).endsWith("loop: 100000000 elements are more than 100000, the limit of a list"
                + " in a template");
    }

    @Test
    void aLoopWithinTheLimitCountsUpOrDownAsBefore() throws Exception {
        assertThat(render("{{ range loop 3 }}{{ . }}{{ end }}|{{ loop 5 2 }}|{{ len (loop 100000) }}"))
                .isEqualTo("012|[5 4 3]|100000");
    }

    @Test
    void rangesThatMultiplyStopAtTheIterationLimitOfARender() throws Exception {
        TemplateException error = error("{{ range $i := loop 100000 }}{{ range loop 100000 }}{{ end }}{{ end }}");

        assertThat(error.reason()).isEqualTo("range: more than 100000 iterations, the limit of a render (all"
                + " ranges together)");
        assertThat(error.column()).isEqualTo(39);
    }

    @Test
    void aRenderThatOutlastsItsTimeStopsWithAnErrorWhereItWas() throws Exception {
        Functions slow = FUNCTIONS.with("slow", 0, args -> {
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            return "";
        });
        long start = System.nanoTime();

        TemplateException error = error("x\n{{ range loop 100000 }}\n{{ slow }}{{ end }}", slow);

        assertThat(error.reason()).startsWith("the render took longer than 2s, the limit of a render");
        assertThat(error.line()).isIn(2, 3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theOutputStopsAtItsLimitWithTheLineThatPassesIt() throws Exception {
        TemplateException error = error("a\n{{ range loop 100000 }}{{ printf \"%100s\" \"\" }}{{ end }}");

        assertThat(error.line()).isEqualTo(2);
        assertThat(error.reason()).isEqualTo("the output would be longer than 1048576 characters, the limit of a"
                + " render");
    }

    @Test
    void stringFunctionsRefuseResultsPastTheTextLimitBeforeBuildingThem() throws Exception {
        String spaces = "(printf \"%1000000s\" \"\")";
        String zeros = "(printf \"%01000000d\" 0)";
        assertThat(error("{{ replaceAll \"\" \"xx\" " + spaces + " }}").reason())
                .endsWith("replaceAll: the result would be longer than 1048576 characters, the limit of a string in"
                        + " a template");
        assertThat(error("{{ replaceAll \" \" \"xx\" " + spaces + " }}").reason()).contains("replaceAll: the result");
        assertThat(error("{{ join " + spaces + " (loop 3) }}").reason()).contains("join: the result");
        assertThat(error("{{ split \"\" " + zeros + " }}").reason())
                .endsWith("split: 1000000 elements are more than 100000, the limit of a list in a template");
        assertThat(error("{{ print (loop 100000) (loop 100000) }}").reason()).contains("formatting a value: the"
                + " result would be longer");
        assertThat(error("{{ html (replaceAll \" \" \"<\" (printf \"%400000s\" \"\")) }}").reason())
                .contains("html: the result");
        assertThat(error("{{ printf \"%q\" (replaceAll \" \" \"\\x01\" (printf \"%300000s\" \"\")) }}").reason())
                .contains("%q: the result");
        assertThat(error("{{ regexReplaceAll \"0\" (printf \"%0600d\" 0) (printf \"%02000d\" 0) }}").reason())
                .contains("regexReplaceAll: the result");
    }

    @Test
    void parenthesesNestedTwentyThousandDeepAreAParseError() throws Exception {
        TemplateException error = error("{{" + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "}}");

        assertThat(error.reason()).isEqualTo("max expression depth exceeded: more than 32 control structures and"
                + " parentheses inside one another");
        assertThat(error.column()).isEqualTo(35);
    }

    @Test
    void controlStructuresNestedTwentyThousandDeepAreAParseError() throws Exception {
        TemplateException error = error("{{ if 1 }}".repeat(20_000) + "{{ end }}".repeat(20_000));

        assertThat(error.reason()).startsWith("max expression depth exceeded");
    }

    @Test
    void aLongChainOfElseIfNeedsNoStack() throws Exception {
        String chain = "{{ if eq . 0 }}zero" + "{{ else if eq . 1 }}one".repeat(5_000) + "{{ else }}other{{ end }}";

        String rendered = AgentStack.call(() -> Template.parse("t", chain, FUNCTIONS).render(7));

        assertThat(rendered).isEqualTo("other");
    }

    @Test
    void aBacktrackingExpressionStopsAtTheTimeLimit() throws Exception {
        TemplateException error = error("{{ regexReplaceAll \"((a+)*)+b\" \"x\" \"" + "a".repeat(40) + "\" }}");

        assertThat(error.reason()).endsWith("regexReplaceAll: matching took longer than 2s, the limit of a render"
                + " (an expression that backtracks without end?)");
    }

    @Test
    void anExpressionTooDeepForJavasMatcherIsAnError() throws Exception {
        TemplateException error = error("{{ regexReplaceAll \"(a|b)*\" \"x\" (replaceAll \" \" \"ab\""
                + " (printf \"%10000s\" \"\")) }}");

        assertThat(error.reason()).contains("regexReplaceAll: the expression repeats a group too many times");
        assertThat(error("{{ regexReplaceAll \"" + "(".repeat(5_000) + "a" + ")".repeat(5_000) + "\" \"x\" \"a\" }}")
                .reason()).endsWith("error parsing regexp: expression nests too deeply");
    }
}
