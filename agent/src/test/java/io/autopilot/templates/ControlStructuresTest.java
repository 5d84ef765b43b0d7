package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ControlStructuresTest {
    private static String render(String text, Object data) {
        return Template.parse("t", text, Functions.containerPilot(name -> null)).render(data);
    }

    private static String render(String text) {
        return render(text, Map.of());
    }

    @Test
    void ifChoosesByGoTruth() {
        String text = "{{ if . }}T{{ else }}F{{ end }}";
        assertThat(List.of(true, 1, -1, 0.5, "x", List.of(0), Map.of("k", "v"), new Object()))
                .allSatisfy(value -> assertThat(render(text, value)).as("%s", value).isEqualTo("T"));
        assertThat(java.util.Arrays.asList(false, 0, 0L, 0.0, "", List.of(), Map.of(), new int[0], null))
                .allSatisfy(value -> assertThat(render(text, value)).as("%s", value).isEqualTo("F"));
    }

    @Test
    void elseIfChainsTakeTheFirstTrueBranch() {
        String text = "{{ if eq . 1 }}one{{ else if eq . 2 }}two{{ else if eq . 3 }}three{{ else }}many{{ end }}";
        assertThat(render(text, 1)).isEqualTo("one");
        assertThat(render(text, 2)).isEqualTo("two");
        assertThat(render(text, 3)).isEqualTo("three");
        assertThat(render(text, 9)).isEqualTo("many");
    }

    @Test
    void ifWithoutElsePrintsNothingWhenFalse() {
        assertThat(render("[{{ if .X }}x{{ end }}]", Map.of())).isEqualTo("[]");
    }

    @Test
    void rangeOverAListSetsDotAndTheVariables() {
        Map<String, Object> data = Map.of("L", List.of("a", "b", "c"));
        assertThat(render("{{ range .L }}<{{ . }}>{{ end }}", data)).isEqualTo("<a><b><c>");
        assertThat(render("{{ range $e := .L }}{{ $e }}{{ end }}", data)).isEqualTo("abc");
        assertThat(render("{{ range $i, $e := .L }}{{ $i }}={{ $e }} {{ end }}", data)).isEqualTo("0=a 1=b 2=c ");
    }

    @Test
    void rangeOverAMapVisitsKeysInSortedOrder() {
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("zeta", 1);
        map.put("alpha", 2);
        map.put("mid", 3);
        assertThat(render("{{ range $k, $v := . }}{{ $k }}:{{ $v }} {{ end }}", map))
                .isEqualTo("alpha:2 mid:3 zeta:1 ");
        assertThat(render("{{ range . }}{{ . }}{{ end }}", map)).isEqualTo("231");
        assertThat(render("{{ range . }}{{ . }}{{ end }}", Map.of(10, "b", 9, "a"))).isEqualTo("ab");
    }

    @Test
    void rangeOverArraysSetsAndIntegers() {
        assertThat(render("{{ range . }}{{ . }}{{ end }}", new String[] {"x", "y"})).isEqualTo("xy");
        Set<String> set = new TreeSet<>(List.of("b", "a"));
        assertThat(render("{{ range . }}{{ . }}{{ end }}", set)).isEqualTo("ab");
        assertThat(render("{{ range 3 }}{{ . }}{{ end }}")).isEqualTo("012");
    }

    @Test
    void rangeElseRunsWhenThereIsNothingToIterate() {
        String text = "{{ range .L }}{{ . }}{{ else }}empty{{ end }}";
        assertThat(render(text, Map.of("L", List.of()))).isEqualTo("empty");
        assertThat(render("{{ range .L }}x{{ else }}nil{{ end }}", java.util.Collections.singletonMap("L", null)))
                .isEqualTo("nil");
    }

    @Test
    void rangeOverAStringIsAnErrorAsInGo() {
        assertThatThrownBy(() -> render("{{ range .Missing }}{{ end }}", Map.of()))
                .hasMessageEndingWith("range can't iterate over ");
        assertThatThrownBy(() -> render("{{ range \"abc\" }}{{ end }}"))
                .hasMessageEndingWith("range can't iterate over abc");
    }

    @Test
    void breakAndContinueAffectTheInnermostRange() {
        String text = "{{ range $i := loop 5 }}{{ if eq $i 1 }}{{ continue }}{{ end }}"
                + "{{ if eq $i 3 }}{{ break }}{{ end }}{{ $i }}{{ end }}";
        assertThat(render(text)).isEqualTo("02");
    }

    @Test
    void nestedRangeWithBreakLeavesOnlyTheInnerLoop() {
        String text = "{{ range $a := loop 3 }}{{ range $b := loop 3 }}{{ if gt $b $a }}{{ break }}{{ end }}"
                + "{{ $a }}{{ $b }} {{ end }}| {{ end }}";
        assertThat(render(text)).isEqualTo("00 | 10 11 | 20 21 22 | ");
    }

    @Test
    void breakInsideWithInsideRangeStillBreaksTheRange() {
        assertThat(render("{{ range loop 5 }}{{ with eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}")).isEqualTo("01");
    }

    @Test
    void withSetsDotWhenTheValueIsTrue() {
        Map<String, Object> data = Map.of("A", Map.of("Name", "x"), "E", "");
        assertThat(render("{{ with .A }}{{ .Name }}{{ end }}", data)).isEqualTo("x");
        assertThat(render("{{ with .E }}yes{{ else }}no:{{ . | len }}{{ end }}", data)).isEqualTo("no:2");
        assertThat(render("{{ with $n := .A.Name }}{{ $n }}{{ . }}{{ end }}", data)).isEqualTo("xx");
    }

    @Test
    void elseWithTriesTheNextValue() {
        String text = "{{ with .A }}a={{ . }}{{ else with .B }}b={{ . }}{{ else }}none{{ end }}";
        assertThat(render(text, Map.of("A", "1", "B", "2"))).isEqualTo("a=1");
        assertThat(render(text, Map.of("B", "2"))).isEqualTo("b=2");
        assertThat(render(text, Map.of())).isEqualTo("none");
    }

    @Test
    void defineAndTemplateInvokeNamedTemplatesWithTheirOwnDot() {
        String text = "{{ define \"item\" }}<{{ . }}>{{ end }}{{ range .L }}{{ template \"item\" . }}{{ end }}"
                + "{{ template \"item\" }}";
        assertThat(render(text, Map.of("L", List.of(1, 2)))).isEqualTo("<1><2><<nil>>");
    }

    @Test
    void namedTemplatesSeeOnlyTheirOwnDollar() {
        String text = "{{ define \"in\" }}{{ $ }}{{ end }}{{ $x := 1 }}{{ template \"in\" \"inner\" }}";
        assertThat(render(text, "outer")).isEqualTo("inner");
    }

    @Test
    void blockDefinesAndRunsATemplateInPlace() {
        assertThat(render("[{{ block \"b\" .X }}{{ . }}!{{ end }}]", Map.of("X", "x"))).isEqualTo("[x!]");
    }

    @Test
    void templatesMayRecurse() {
        String text = "{{ define \"down\" }}{{ . }}{{ if gt . 0 }} {{ template \"down\" (len (slice \"xxxxx\" 1 .)) }}"
                + "{{ end }}{{ end }}{{ template \"down\" 3 }}";
        assertThat(render(text)).isEqualTo("3 2 1 0");
    }

    @Test
    void aTemplateMadeOnlyOfDefinitionsUsesTheDefinitionOfItsOwnName() {
        String text = "{{ define \"t\" }}body{{ end }}\n";
        assertThat(render(text)).isEqualTo("body");
    }
}
