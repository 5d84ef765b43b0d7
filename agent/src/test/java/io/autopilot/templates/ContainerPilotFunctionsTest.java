package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The functions and documented examples of ContainerPilot's config templates. */
class ContainerPilotFunctionsTest {
    private final Map<String, String> environment = new HashMap<>(Map.of(
            "CONSUL_HOST", "consul.svc", "LIST", " a,b,c ", "PORT", "8080", "NAME_web", "web-service"));

    private String render(String text) {
        return Template.parse("app.json5", text, Functions.containerPilot(environment::get)).render(environment);
    }

    @Test
    void defaultGivesTheValueWhenItIsANonEmptyString() {
        assertThat(render("{{ .CONSUL_HOST | default \"consul\" }}")).isEqualTo("consul.svc");
        assertThat(render("{{ .CONSUL | default \"consul\" }}")).isEqualTo("consul");
        assertThat(render("{{ default \"consul\" \"\" }}")).isEqualTo("consul");
    }

    @Test
    void defaultFormatsANonStringDefaultWithPercentV() {
        assertThat(render("{{ .MISSING | default 10 }}")).isEqualTo("10");
        assertThat(render("{{ .MISSING | default 1.5 }}")).isEqualTo("1.5");
    }

    @Test
    void defaultIgnoresValuesThatAreNotStrings() {
        assertThat(render("{{ 5 | default \"d\" }}")).as("only a string value counts").isEqualTo("d");
    }

    @Test
    void envReadsTheLiveEnvironmentByAnyName() {
        assertThat(render("{{ env \"PORT\" }}")).isEqualTo("8080");
        assertThat(render("{{ env (printf \"NAME_%s\" \"web\") }}")).isEqualTo("web-service");
        assertThat(render("[{{ env \"UNSET\" }}]")).isEqualTo("[]");
        environment.put("LATE", "seen");
        assertThat(render("{{ env \"LATE\" }}")).isEqualTo("seen");
    }

    @Test
    void splitTrimsThenSplitsOnTheSeparator() {
        assertThat(render("{{ split \",\" .LIST }}")).isEqualTo("[a b c]");
        assertThat(render("{{ split \",\" \"a,,b,\" }}")).isEqualTo("[a  b ]");
        assertThat(render("{{ len (split \",\" \"  \") }}")).as("empty text gives an empty list").isEqualTo("0");
        assertThat(render("{{ range split \",\" .LIST }}<{{ . }}>{{ end }}")).isEqualTo("<a><b><c>");
    }

    @Test
    void joinConcatenatesWithTheSeparator() {
        assertThat(render("{{ split \",\" .LIST | join \";\" }}")).isEqualTo("a;b;c");
        assertThat(render("[{{ join \",\" (split \",\" \"\") }}]")).isEqualTo("[]");
        assertThat(render("{{ join \"-\" (loop 3) }}")).isEqualTo("0-1-2");
    }

    @Test
    void replaceAllReplacesEveryOccurrence() {
        assertThat(render("{{ replaceAll \".\" \"-\" \"a.b.c\" }}")).isEqualTo("a-b-c");
        assertThat(render("{{ .CONSUL_HOST | replaceAll \"svc\" \"local\" }}")).isEqualTo("consul.local");
        assertThat(render("{{ replaceAll \"\" \"-\" \"ab\" }}")).isEqualTo("-a-b-");
    }

    @Test
    void regexReplaceAllExpandsGoStyleReferences() {
        assertThat(render("{{ regexReplaceAll \"(\\\\w+)@(\\\\w+)\" \"$2 at $1\" \"me@host\" }}")).isEqualTo("host at me");
        assertThat(render("{{ regexReplaceAll \"[0-9]+\" \"N\" \"a1b22c\" }}")).isEqualTo("aNbNc");
    }

    @Test
    void aBadRegexIsARenderError() {
        assertThatThrownBy(() -> render("{{ regexReplaceAll \"(\" \"x\" \"y\" }}"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("error calling regexReplaceAll: error parsing regexp");
    }

    @Test
    void loopCountsUpFromZero() {
        assertThat(render("{{ loop 3 }}")).isEqualTo("[0 1 2]");
        assertThat(render("{{ range $i := loop 5 }}{{ $i }}{{ end }}")).isEqualTo("01234");
        assertThat(render("{{ loop 0 }}")).isEqualTo("[]");
    }

    @Test
    void loopWithTwoBoundsCountsUpOrDownExcludingTheEnd() {
        assertThat(render("{{ loop 2 5 }}")).isEqualTo("[2 3 4]");
        assertThat(render("{{ loop 5 2 }}")).isEqualTo("[5 4 3]");
        assertThat(render("{{ loop 3 3 }}")).isEqualTo("[]");
    }

    @Test
    void loopAcceptsNumericStringsSuchAsEnvironmentValues() {
        assertThat(render("{{ loop \"3\" }}")).isEqualTo("[0 1 2]");
        assertThat(render("{{ len (loop .PORT) }} {{ loop \"1\" \"4\" }}")).isEqualTo("8080 [1 2 3]");
    }

    @Test
    void loopRejectsFloatsAndBadCounts() {
        assertThatThrownBy(() -> render("{{ loop 1.5 }}")).hasMessageContaining("error calling loop:");
        assertThatThrownBy(() -> render("{{ loop \"x\" }}")).hasMessageContaining("invalid syntax");
        assertThatThrownBy(() -> render("{{ loop }}"))
                .hasMessageEndingWith("wrong number of args for loop: want 1 or 2 got 0");
        assertThatThrownBy(() -> render("{{ loop 1 2 3 }}"))
                .hasMessageEndingWith("wrong number of args for loop: want 1 or 2 got 3");
    }

    @Test
    void theDocumentedConditionalExampleRenders() {
        String text = "{{ if .CONSUL_HOST }}{{ .CONSUL_HOST }}{{ else }}localhost{{ end }}:8500";
        assertThat(render(text)).isEqualTo("consul.svc:8500");
        environment.remove("CONSUL_HOST");
        assertThat(render(text)).isEqualTo("localhost:8500");
    }

    @Test
    void stringArgumentsMustBeStrings() {
        assertThatThrownBy(() -> render("{{ split \",\" 5 }}"))
                .hasMessageEndingWith("wrong type for value; expected string; got int");
        assertThat(ContainerPilotFunctions.join(",", List.of(1, "a"))).isEqualTo("1,a");
    }
}
