package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Parse and render errors: Go's wording, with the template's name, line and column. */
class TemplateErrorsTest {
    private static TemplateException parseError(String text) {
        return catchThrowableOfType(TemplateException.class,
                () -> Template.parse("app.json5", text, Functions.containerPilot(name -> null)));
    }

    private static TemplateException renderError(String text, Object data) {
        Template template = Template.parse("app.json5", text, Functions.containerPilot(name -> null));
        return catchThrowableOfType(TemplateException.class, () -> template.render(data));
    }

    @Test
    void anUndefinedFunctionIsAParseErrorAtItsLineAndColumn() {
        TemplateException error = parseError("{\n  a: 1,\n  b: \"{{.X | foo}}\",\n}");
        assertThat(error).hasMessage("template: app.json5:3:14: function \"foo\" not defined");
        assertThat(error.templateName()).isEqualTo("app.json5");
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.column()).isEqualTo(14);
        assertThat(error.reason()).isEqualTo("function \"foo\" not defined");
    }

    @Test
    void aMissingEndIsAnUnexpectedEof() {
        assertThat(parseError("{{ if .X }}\nyes\n").reason()).isEqualTo("unexpected EOF");
        assertThat(parseError("{{ range .X }}").line()).isEqualTo(1);
    }

    @Test
    void anActionLeftOpenIsUnclosedAtItsStart() {
        TemplateException error = parseError("ok\n  {{ .X \n");
        assertThat(error.reason()).isEqualTo("unclosed action");
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(3);
    }

    @Test
    void strayEndAndElseAreUnexpected() {
        assertThat(parseError("a{{ end }}").reason()).isEqualTo("unexpected {{end}}");
        assertThat(parseError("a{{ else }}").reason()).isEqualTo("unexpected {{else}}");
        assertThat(parseError("{{ range .L }}{{ else }}{{ else }}{{ end }}").reason())
                .isEqualTo("expected end; found {{else}}");
    }

    @Test
    void lexicalErrorsUseGoWording() {
        assertThat(parseError("{{ \"abc }}").reason()).isEqualTo("unterminated quoted string");
        assertThat(parseError("{{ `abc }}").reason()).isEqualTo("unterminated raw quoted string");
        assertThat(parseError("{{ 'a }}").reason()).isEqualTo("unterminated character constant");
        assertThat(parseError("{{/* open").reason()).isEqualTo("unclosed comment");
        assertThat(parseError("{{/* c */ x }}").reason()).isEqualTo("comment ends before closing delimiter");
        assertThat(parseError("{{ 3x }}").reason()).isEqualTo("bad number syntax: \"3x\"");
        assertThat(parseError("{{ (print 1 }}").reason()).isEqualTo("unclosed left paren");
        assertThat(parseError("{{ print 1) }}").reason()).isEqualTo("unexpected right paren");
        assertThat(parseError("{{ .X : }}").reason()).isEqualTo("expected :=");
        assertThat(parseError("{{ \"\\q\" }}").reason()).isEqualTo("invalid syntax");
        assertThat(parseError("{{ 'ab' }}").reason()).isEqualTo("malformed character constant: 'ab'");
    }

    @Test
    void grammarErrorsUseGoWording() {
        assertThat(parseError("{{ if }}{{ end }}").reason()).isEqualTo("missing value for if");
        assertThat(parseError("{{ }}").reason()).isEqualTo("missing value for command");
        assertThat(parseError("{{ $x }}").reason()).isEqualTo("undefined variable \"$x\"");
        assertThat(parseError("{{ $x = 1 }}").reason()).isEqualTo("undefined variable \"$x\"");
        assertThat(parseError("{{ .X | \"s\" }}").reason()).isEqualTo("non executable command in pipeline stage 2");
        assertThat(parseError("{{ break }}").reason()).isEqualTo("{{break}} outside {{range}}");
        assertThat(parseError("{{ range .L }}{{ else }}{{ continue }}{{ end }}").reason())
                .isEqualTo("{{continue}} outside {{range}}");
        assertThat(parseError("{{ \"a\".X }}").reason()).isEqualTo("unexpected . after term \"\\\"a\\\"\"");
        assertThat(parseError("{{ $a, $b := 1 }}").reason()).isEqualTo("too many declarations in command");
        assertThat(parseError("{{ template .X }}").reason()).isEqualTo("unexpected \".X\" in template clause");
    }

    @Test
    void charactersThatStartNothingAreRejected() {
        assertThat(parseError("{{ # }}").reason()).isEqualTo("unexpected \"#\" in command");
        assertThat(parseError("{{ \u2603 }}").reason()).isEqualTo("unrecognized character in action: U+2603 '\u2603'");
        assertThat(parseError("{{ .X! }}").reason()).isEqualTo("bad character U+0021 '!'");
    }

    @Test
    void keywordsOutOfPlaceAreUnexpected() {
        assertThat(parseError("{{ if true }}{{ define \"x\" }}{{ end }}{{ end }}").reason())
                .isEqualTo("unexpected <define> in command");
        assertThat(parseError("{{ define \"x\" }}a{{ else }}b{{ end }}").reason())
                .isEqualTo("unexpected {{else}} in define clause");
        assertThat(parseError("{{ end 1 }}").reason()).isEqualTo("unexpected {{end}}");
        assertThat(parseError("{{ if 1 }}{{ end 1 }}").reason()).isEqualTo("unexpected \"1\" in end");
    }

    @Test
    void aVariableIsUndefinedAfterTheEndOfItsBlock() {
        assertThat(parseError("{{ if true }}{{ $x := 1 }}{{ end }}{{ $x }}").reason())
                .isEqualTo("undefined variable \"$x\"");
        assertThat(parseError("{{ range $i := .L }}{{ end }}{{ $i }}").reason()).isEqualTo("undefined variable \"$i\"");
    }

    @Test
    void defineBodiesDoNotSeeOuterVariables() {
        assertThat(parseError("{{ $x := 1 }}{{ define \"t\" }}{{ $x }}{{ end }}").reason())
                .isEqualTo("undefined variable \"$x\"");
    }

    @Test
    void definingATemplateTwiceIsAnError() {
        assertThat(parseError("{{ define \"a\" }}1{{ end }}{{ define \"a\" }}2{{ end }}").reason())
                .isEqualTo("template: multiple definition of template \"a\"");
    }

    @Test
    void renderErrorsNameTheExpressionAndWhereItIs() {
        TemplateException error = renderError("line one\n  {{ .A.B }}", Map.of("A", "x"));
        assertThat(error).hasMessage(
                "template: app.json5:2:6: executing \"app.json5\" at <.A.B>: can't evaluate field B in type string");
    }

    @Test
    void renderErrorsInsideDefinedTemplatesNameThatTemplate() {
        TemplateException error = renderError("{{ define \"inner\" }}{{ len 1 }}{{ end }}{{ template \"inner\" }}",
                Map.of());
        assertThat(error.reason()).isEqualTo("executing \"inner\" at <len>: error calling len: len of type int");
    }

    @Test
    void longExpressionsAreShortenedInErrors() {
        TemplateException error = renderError("{{ .Aaaaaaaaaa.Bbbbbbbbbb.Cccccccccc }}", Map.of("Aaaaaaaaaa", "s"));
        assertThat(error.reason()).startsWith("executing \"app.json5\" at <.Aaaaaaaaaa.Bbbbbbbb...>:");
    }

    @Test
    void callingAnUndefinedTemplateIsARenderError() {
        assertThat(renderError("{{ template \"nope\" }}", Map.of()).reason()).isEqualTo(
                "executing \"app.json5\" at <{{template \"nope\"}}>: template: no template \"nope\" associated with "
                        + "template \"app.json5\"");
    }

    @Test
    void runawayRecursionStopsWithAnErrorOnAThreadWithTheAgentsStackSize() throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        // The agent's threads have -Xss256k; a test's main thread has far more.
        Thread small = new Thread(null, () -> {
            try {
                outcome.set(renderError("{{ define \"r\" }}{{ template \"r\" . }}{{ end }}{{ template \"r\" . }}",
                        Map.of("X", "y")).reason());
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertThat(outcome.get()).asString().endsWith("exceeded maximum template depth (" + RenderLimits.MAX_NESTING
                + "): template calls, control structures and parentheses inside one another");
    }

    @Test
    void valuesCannotTakeArguments() {
        assertThat(renderError("{{ \"s\" 1 }}", Map.of()).reason()).endsWith("can't give argument to non-function \"s\"");
        assertThat(renderError("{{ 1 | print | (print 2) }}", Map.of()).reason())
                .endsWith("can't give argument to non-function print 2");
        assertThat(renderError("{{ nil }}", Map.of()).reason()).endsWith("nil is not a command");
        assertThat(renderError("{{ range 5.5 }}{{ end }}", Map.of()).reason()).endsWith("range can't iterate over 5.5");
    }

    @Test
    void functionErrorsAreWrappedAndKeepTheirCause() {
        Functions functions = Functions.builtins().with("boom", 0, args -> {
            throw new java.io.IOException("disk on fire");
        });
        Template template = Template.parse("t", "{{ boom }}", functions);
        assertThatThrownBy(() -> template.render(null))
                .hasMessage("template: t:1:4: executing \"t\" at <boom>: error calling boom: disk on fire")
                .hasCauseInstanceOf(java.io.IOException.class);
    }
}
