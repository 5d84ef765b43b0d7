package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextAndActionsTest {
    private static String render(String text, Object data) {
        return Template.parse("t", text, Functions.builtins()).render(data);
    }

    private static String render(String text) {
        return render(text, Map.of());
    }

    @Test
    void textWithoutActionsIsCopiedUnchanged() {
        assertThat(render("plain {text} with } braces\n")).isEqualTo("plain {text} with } braces\n");
        assertThat(render("")).isEmpty();
    }

    @Test
    void otherDelimitersMarkActionsAndLeaveBracesAsText() {
        Template template = Template.parse("t", "{{ x }} [[ .X ]] a  [[- /* note */ -]]  b [[- if true ]]!"
                + "[[ end ]]", Functions.builtins(), new Delimiters("[[", "]]"));
        assertThat(template.render(Map.of("X", "y"))).isEqualTo("{{ x }} y ab!");
        assertThatThrownBy(() -> Template.parse("t", "<% .X", Functions.builtins(), new Delimiters("<%", "%>")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("unclosed action");
    }

    @Test
    void actionsPrintTheirValueInPlace() {
        assertThat(render("a{{ .X }}b", Map.of("X", "-"))).isEqualTo("a-b");
        assertThat(render("{{.X}}{{.X}}", Map.of("X", "x"))).isEqualTo("xx");
    }

    @Test
    void trimMarkersRemoveAdjacentWhitespaceIncludingNewlines() {
        assertThat(render("a  \n\t {{- \"b\" -}} \n\n  c")).isEqualTo("abc");
        assertThat(render("a \n{{- \"b\" }} \nc")).isEqualTo("ab \nc");
        assertThat(render("a \n{{ \"b\" -}} \nc")).isEqualTo("a \nbc");
    }

    @Test
    void aDashWithoutSpaceIsANegativeNumberNotATrimMarker() {
        assertThat(render("a {{-3}} b")).isEqualTo("a -3 b");
        assertThat(render("a {{ 3 -}} b")).isEqualTo("a 3b");
    }

    @Test
    void commentsProduceNothingAndMayTrim() {
        assertThat(render("a{{/* a comment */}}b")).isEqualTo("ab");
        assertThat(render("a {{- /* multi\nline */ -}} b")).isEqualTo("ab");
        assertThat(render("x\n{{/* c */}}\ny")).isEqualTo("x\n\ny");
    }

    @Test
    void delimitersInsideStringsDoNotEndTheAction() {
        assertThat(render("{{ \"}}\" }}|{{ `{{ }}` }}")).isEqualTo("}}|{{ }}");
    }

    @Test
    void trimmingWorksBetweenAdjacentActionsAndComments() {
        assertThat(render("{{ 1 }} \n {{- 2 }} {{- /* c */ -}} \n {{ 3 }}")).isEqualTo("123");
    }

    @Test
    void stringLiteralsUnderstandGoEscapes() {
        assertThat(render("{{ \"tab\\there\\n\" }}")).isEqualTo("tab\there\n");
        assertThat(render("{{ \"\\u00e9\\x41\\101\\\"\" }}")).isEqualTo("éAA\"");
        assertThat(render("{{ \"\\xc3\\xa9\" }}")).as("\\x escapes are bytes").isEqualTo("é");
        assertThat(render("{{ `raw \\n {{ stays` }}")).isEqualTo("raw \\n {{ stays");
    }

    @Test
    void numberLiteralsPrintAsGoPrintsThem() {
        assertThat(render("{{ 42 }} {{ -7 }} {{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000 }}"))
                .isEqualTo("42 -7 31 15 15 5 1000");
        assertThat(render("{{ 1.5 }} {{ 3.0 }} {{ 1e3 }} {{ 1e6 }} {{ 0.00001 }} {{ .5 }}"))
                .isEqualTo("1.5 3 1000 1e+06 1e-05 0.5");
        assertThat(render("{{ 'a' }} {{ '\\n' }}")).as("character constants are ints").isEqualTo("97 10");
    }

    @Test
    void booleansAndNilPrintLikeGo() {
        assertThat(render("{{ true }} {{ false }} {{ print nil }}")).isEqualTo("true false <nil>");
    }

    @Test
    void valuesPrintWithGoFormatting() {
        Map<String, Object> data = Map.of(
                "List", List.of("a", "b", "c"),
                "Ints", List.of(1, 2),
                "Map", Map.of("b", 2, "a", 1),
                "Nested", List.of(List.of(1), Map.of("k", "v")),
                "Float", 2.50,
                "Long", 12345678901L,
                "Array", new int[] {3, 4});
        assertThat(render("{{ .List }} {{ .Ints }} {{ .Map }} {{ .Nested }}", data))
                .isEqualTo("[a b c] [1 2] map[a:1 b:2] [[1] map[k:v]]");
        assertThat(render("{{ .Float }} {{ .Long }} {{ .Array }}", data)).isEqualTo("2.5 12345678901 [3 4]");
    }

    @Test
    void recordsPrintAsGoStructs() {
        record Service(String name, int port) {
        }
        assertThat(render("{{ . }}", new Service("web", 80))).isEqualTo("{web 80}");
        assertThat(render("{{ printf \"%+v\" . }}", new Service("web", 80))).isEqualTo("{name:web port:80}");
    }

    @Test
    void dotIsTheDataItself() {
        assertThat(render("{{ . }}", "hello")).isEqualTo("hello");
        assertThat(render("{{ . }}", 7)).isEqualTo("7");
    }

    @Test
    void actionsMaySpanLines() {
        assertThat(render("{{\n  print\n  1\n}}")).isEqualTo("1");
    }
}
