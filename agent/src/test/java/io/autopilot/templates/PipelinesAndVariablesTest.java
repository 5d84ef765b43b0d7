package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelinesAndVariablesTest {
    private static String render(String text, Object data) {
        return Template.parse("t", text, Functions.containerPilot(name -> null)).render(data);
    }

    private static String render(String text) {
        return render(text, Map.of());
    }

    @Test
    void thePipedValueBecomesTheLastArgument() {
        assertThat(render("{{ \"a\" | printf \"%s-%s\" \"b\" }}")).isEqualTo("b-a");
        assertThat(render("{{ 3 | printf \"%d\" | len }}")).isEqualTo("1");
    }

    @Test
    void parenthesisedPipelinesAreArguments() {
        assertThat(render("{{ printf \"%s!\" (print \"a\" | printf \"<%s>\") }}")).isEqualTo("<a>!");
        assertThat(render("{{ (len \"abc\") }}")).isEqualTo("3");
    }

    @Test
    void fieldsChainOnDotVariablesAndParenthesisedResults() {
        Map<String, Object> data = Map.of("A", Map.of("B", Map.of("C", "deep")));
        assertThat(render("{{ .A.B.C }}", data)).isEqualTo("deep");
        assertThat(render("{{ $a := .A }}{{ $a.B.C }}", data)).isEqualTo("deep");
        assertThat(render("{{ (index . \"A\").B.C }}", data)).isEqualTo("deep");
        assertThat(render("{{ $.A.B.C }}", data)).isEqualTo("deep");
    }

    @Test
    void aDeclarationPrintsNothingAndTheVariableLivesOn() {
        assertThat(render("{{ $x := \"v\" }}[{{ $x }}]")).isEqualTo("[v]");
    }

    @Test
    void assignmentChangesTheExistingVariableEvenFromInsideARange() {
        String text = "{{ $last := \"none\" }}{{ range .L }}{{ $last = . }}{{ end }}{{ $last }}";
        assertThat(render(text, Map.of("L", List.of("a", "b", "c")))).isEqualTo("c");
    }

    @Test
    void aVariableDeclaredInABlockEndsWithTheBlock() {
        String text = "{{ $x := \"outer\" }}{{ if true }}{{ $x := \"inner\" }}{{ $x }}{{ end }} {{ $x }}";
        assertThat(render(text)).isEqualTo("inner outer");
    }

    @Test
    void variablesDeclaredInAnIfPipelineReachTheElseBranch() {
        assertThat(render("{{ if $v := .Missing }}yes{{ else }}[{{ $v }}]{{ end }}", Map.of())).isEqualTo("[]");
    }

    @Test
    void dollarIsTheDataEvenInsideRangeAndWith() {
        Map<String, Object> data = Map.of("Name", "top", "L", List.of(1, 2));
        assertThat(render("{{ range .L }}{{ $.Name }}{{ . }} {{ end }}", data)).isEqualTo("top1 top2 ");
        assertThat(render("{{ with .L }}{{ $.Name }}{{ end }}", data)).isEqualTo("top");
    }

    @Test
    void variablesInsideARangeBodyAreFreshEachIteration() {
        String text = "{{ range .L }}{{ $seen := . }}{{ $seen }}{{ end }}";
        assertThat(render(text, Map.of("L", List.of("a", "b")))).isEqualTo("ab");
    }

    @Test
    void declarationsInARangeBodyDoNotDisturbTheRangeVariables() {
        String text = "{{ range $i, $e := .L }}{{ $x := \"-\" }}{{ $i }}{{ $x }}{{ $e }} {{ end }}";
        assertThat(render(text, Map.of("L", List.of("a", "b", "c")))).isEqualTo("0-a 1-b 2-c ");
    }

    @Test
    void identifiersWithoutArgumentsAreCalledAsArguments() {
        Functions functions = Functions.builtins().with("answer", 0, args -> 42);
        assertThat(Template.parse("t", "{{ printf \"%d\" answer }}", functions).render(null)).isEqualTo("42");
    }
}
