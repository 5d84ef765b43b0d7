package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each output line maps to the template line that produced its first character. */
class RenderedLineMapTest {
    private static Rendered render(String text, Object data) {
        return Template.parse("t", text, Functions.containerPilot(name -> null)).renderTracked(data);
    }

    @Test
    void plainTextMapsLineForLine() {
        Rendered rendered = render("a\nb\nc", Map.of());
        assertThat(rendered.text()).isEqualTo("a\nb\nc");
        assertThat(rendered.sourceLines()).containsExactly(1, 2, 3);
    }

    @Test
    void aTrailingNewlineLeavesAnEmptyLastLineMappedToTheNextSourceLine() {
        assertThat(render("a\nb\n", Map.of()).sourceLines()).containsExactly(1, 2, 3);
    }

    @Test
    void linesRemovedByAFalseIfShiftTheMapping() {
        String text = "first\n{{ if .X }}\nhidden\n{{ end }}\nlast\n";
        Rendered rendered = render(text, Map.of());
        assertThat(rendered.text()).isEqualTo("first\n\nlast\n");
        assertThat(rendered.sourceLines()).as("the empty line is the newline after {{ end }}").containsExactly(1, 4, 5, 6);
    }

    @Test
    void trimmedLinesMapToWhereTheirTextReallyStarts() {
        String text = "a\n{{- if true -}}\n\n  b\n{{- end }}\nc";
        Rendered rendered = render(text, Map.of());
        assertThat(rendered.text()).isEqualTo("ab\nc");
        assertThat(rendered.sourceLines()).containsExactly(1, 6);
    }

    @Test
    void multiLineOutputOfAnActionMapsToTheActionsLine() {
        Rendered rendered = render("x\n  {{ .V }} tail\ny", Map.of("V", "one\ntwo\nthree"));
        assertThat(rendered.text()).isEqualTo("x\n  one\ntwo\nthree tail\ny");
        assertThat(rendered.sourceLines()).containsExactly(1, 2, 2, 2, 3);
    }

    @Test
    void everyIterationOfARangeMapsToTheRangeBody() {
        String text = "[\n{{ range .L }}\n  \"{{ . }}\",\n{{ end }}\n]";
        Rendered rendered = render(text, Map.of("L", List.of("a", "b")));
        assertThat(rendered.text()).isEqualTo("[\n\n  \"a\",\n\n  \"b\",\n\n]");
        assertThat(rendered.sourceLines()).containsExactly(1, 2, 3, 2, 3, 4, 5);
    }

    @Test
    void whatEachActionPrintedIsNotedWithItsPlaceAndLineAndNothingElseIs() {
        Rendered rendered = render("a {{ .V }}\n{{ if .V }}b{{ end }}{{ .EMPTY }}\n{{ range .L }}[{{ . }}]{{ end }}",
                Map.of("V", "one\ntwo", "EMPTY", "", "L", List.of("x", "yz")));
        assertThat(rendered.text()).isEqualTo("a one\ntwo\nb\n[x][yz]");
        assertThat(rendered.printed()).containsExactly(new Rendered.Printed(2, 9, 1), new Rendered.Printed(13, 14, 3),
                new Rendered.Printed(16, 18, 3));
    }

    @Test
    void aLineStartedByAnActionMapsToTheAction() {
        Rendered rendered = render("{{ \"a\" }}\n{{ \"b\" }}", Map.of());
        assertThat(rendered.sourceLines()).containsExactly(1, 2);
    }

    @Test
    void sourceLineLooksUpOneBasedOutputLinesAndClampsPastTheEnd() {
        Rendered rendered = render("a\n{{ if false }}x\n{{ end }}b", Map.of());
        assertThat(rendered.text()).isEqualTo("a\nb");
        assertThat(rendered.sourceLine(1)).isEqualTo(1);
        assertThat(rendered.sourceLine(2)).isEqualTo(3);
        assertThat(rendered.sourceLine(9)).isEqualTo(3);
        assertThat(rendered.lineCount()).isEqualTo(2);
        assertThatThrownBy(() -> rendered.sourceLine(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyOutputHasOneLine() {
        assertThat(render("", Map.of()).sourceLines()).containsExactly(1);
        assertThat(render("{{ if false }}x{{ end }}", Map.of()).lineCount()).isEqualTo(1);
    }

    @Test
    void renderedIsAValueWithACopiedLineMap() {
        int[] lines = {1, 2};
        Rendered rendered = new Rendered("a\nb", lines);
        lines[0] = 9;
        assertThat(rendered.sourceLine(1)).isEqualTo(1);
        assertThat(rendered).isEqualTo(new Rendered("a\nb", new int[] {1, 2}))
                .hasSameHashCodeAs(new Rendered("a\nb", new int[] {1, 2}));
    }
}
