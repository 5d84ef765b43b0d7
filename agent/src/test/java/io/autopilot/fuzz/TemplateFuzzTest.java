package io.autopilot.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.templates.Functions;
import io.autopilot.templates.Template;
import io.autopilot.templates.TemplateException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The Go template engine with ContainerPilot's functions, given templates made of the language's own pieces and
 * calls that reach its limits: each parses and renders, or fails with an error at a line and column.
 */
class TemplateFuzzTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("X", "value", "N", "3", "HOME", "/root");
    private static final Functions FUNCTIONS = Functions.containerPilot(ENVIRONMENT::get);

    private static final List<String> TOKENS = List.of("{{", "}}", "{{- ", " -}}", " ", "(", ")", "|", "$", "$x",
            ":=", "=", ".", ".X", ".N", ".A.B", "\"s\"", "`raw`", "'c'", "\"\\x41\"", "1", "-1", "1.5", "0x1F", "1e3",
            "true", "nil", "if", "else", "end", "range", "with", "define \"t\"", "template \"t\"", "block \"b\" .",
            "break", "continue", "printf", "\"%d\"", "\"%*d\"", "\"%.*f\"", "\"%0999999999d\"", "99999999", "print",
            "println", "len", "index", "slice", "eq", "lt", "and", "or", "not", "html", "js", "urlquery", "call",
            "loop", "100000", "100000000", "split", "join", "replaceAll", "regexReplaceAll", "\"(a|b)*\"", "default",
            "env", "{{/* c */}}", "x", "\n", "{", "}", "((((((((((", "{{ if 1 }}".repeat(40));

    @Property
    void rendersOrReportsAnErrorWithItsLine(@ForAll("templates") String text) {
        Trial trial = Trial.run(() -> Template.parse("fuzz", text, FUNCTIONS).render(ENVIRONMENT));

        Fuzzing.assertEndedWell(trial, TemplateException.class);
        if (trial.thrown() instanceof TemplateException error) {
            assertThat(error.line()).as(error.getMessage()).isPositive();
            assertThat(error.column()).as(error.getMessage()).isPositive();
        }
    }

    @Provide
    Arbitrary<String> templates() {
        return Arbitraries.oneOf(statements(3), statements(3).flatMap(Fuzzing::mutated), Fuzzing.soup(TOKENS));
    }

    private static Arbitrary<String> statements(int depth) {
        return statement(depth).list().ofMaxSize(5).map(parts -> String.join("", parts));
    }

    private static Arbitrary<String> statement(int depth) {
        Arbitrary<String> text = Arbitraries.of("x", "\n", "{ a: 1 }", " ", "é");
        Arbitrary<String> action = pipeline(2).map(pipe -> "{{ " + pipe + " }}");
        if (depth == 0) {
            return Arbitraries.oneOf(text, action);
        }
        Arbitrary<String> body = Arbitraries.lazy(() -> statements(depth - 1));
        Arbitrary<String> control = Combinators.combine(Arbitraries.of("if", "with", "range", "range $i, $e :="),
                pipeline(1), body, body, Arbitraries.of(true, false)).as((keyword, pipe, inner, otherwise, hasElse) ->
                "{{ " + keyword + " " + pipe + " }}" + inner + (hasElse ? "{{ else }}" + otherwise : "") + "{{ end }}");
        Arbitrary<String> defined = body.map(inner -> "{{ define \"t\" }}" + inner + "{{ end }}{{ template \"t\" . }}");
        return Arbitraries.oneOf(text, action, control, defined);
    }

    private static Arbitrary<String> pipeline(int depth) {
        Arbitrary<String> operand = Arbitraries.of(".", ".X", ".N", "$", "1", "3", "-2", "1.5", "\"s\"", "\"a,b\"",
                "true", "nil", "(loop 3)", "(loop 100000)", "(split \",\" \"a,b\")");
        Arbitrary<String> call = Arbitraries.of("printf \"%d %s\"", "printf \"%*d\" 99999999", "printf \"%.*f\" -1",
                "printf \"%0999999999d\"", "print", "len", "index", "slice", "eq 1", "lt 1", "and", "or", "not", "html",
                "js", "urlquery", "loop", "split \",\"", "join \",\"", "replaceAll \"\" \"xy\"", "default \"d\"",
                "regexReplaceAll \"(a|b)*\" \"x\"", "env", "printf \"%900000s\"");
        Arbitrary<String> command = Combinators.combine(call, operand.list().ofMaxSize(2))
                .as((function, args) -> function + (args.isEmpty() ? "" : " " + String.join(" ", args)));
        if (depth > 0) {
            command = Arbitraries.oneOf(command, Arbitraries.lazy(() -> pipeline(depth - 1)).map(p -> "(" + p + ")"));
        }
        return Combinators.combine(Arbitraries.oneOf(operand, command), command.list().ofMaxSize(2))
                .as((first, rest) -> first + rest.stream().map(c -> " | " + c).reduce("", String::concat));
    }
}
