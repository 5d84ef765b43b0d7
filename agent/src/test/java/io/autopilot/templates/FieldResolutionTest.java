package io.autopilot.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldResolutionTest {
    record Service(String address, int port, List<String> tags) {
        public String url(String scheme) {
            return scheme + "://" + address + ":" + port;
        }

        public String Upper() {
            return address.toUpperCase(java.util.Locale.ROOT);
        }
    }

    public static final class Counter {
        public int count() {
            return 3;
        }

        public String fail() {
            throw new IllegalStateException("boom");
        }
    }

    private static String render(String text, Object data) {
        return Template.parse("t", text, Functions.builtins()).render(data);
    }

    record Wrapper(Service service) {
    }

    @Test
    void aMethodInsideAChainIsReadWithoutArguments() {
        var wrapper = new Wrapper(new Service("db", 5432, List.of("primary")));
        assertThat(render("{{ .W.Service.Port }} {{ .W.Service.Upper }} {{ index .W.Service.Tags 0 }}",
                Map.of("W", wrapper))).isEqualTo("5432 DB primary");
    }

    @Test
    void mapKeysAreFields() {
        assertThat(render("{{ .HOST }}:{{ .PORT }}", Map.of("HOST", "db", "PORT", "5432"))).isEqualTo("db:5432");
    }

    @Test
    void aMissingKeyOfTheEnvironmentIsEmptyNeverNoValue() {
        Map<String, String> environment = Map.of("SET", "x");
        assertThat(render("[{{ .UNSET }}]", environment)).isEqualTo("[]");
        assertThat(render("{{ if .UNSET }}set{{ else }}unset{{ end }}", environment)).isEqualTo("unset");
        assertThat(render("{{ len .UNSET }}", environment)).isEqualTo("0");
        assertThat(render("{{ printf \"%q\" .UNSET }}", environment)).isEqualTo("\"\"");
    }

    @Test
    void environmentValuesContainingEqualsSignsAreKeptWhole() {
        assertThat(render("{{ .OPTS }}", Map.of("OPTS", "a=b=c"))).isEqualTo("a=b=c");
    }

    @Test
    void recordComponentsAnswerToGoStyleExportedNames() {
        Service service = new Service("10.0.0.1", 8080, List.of("primary"));
        assertThat(render("{{ .Address }}:{{ .Port }} {{ .Tags }}", service)).isEqualTo("10.0.0.1:8080 [primary]");
        assertThat(render("{{ .address }}", service)).isEqualTo("10.0.0.1");
    }

    @Test
    void anExactlyNamedMethodWinsOverTheDecapitalisedOne() {
        assertThat(render("{{ .Upper }}", new Service("web", 1, List.of()))).isEqualTo("WEB");
    }

    @Test
    void methodsTakeArgumentsIncludingAPipedValue() {
        Service service = new Service("web", 80, List.of());
        assertThat(render("{{ .Url \"http\" }}", service)).isEqualTo("http://web:80");
        assertThat(render("{{ \"https\" | .Url }}", service)).isEqualTo("https://web:80");
    }

    @Test
    void publicMethodsOfPlainClassesAreFieldsToo() {
        assertThat(render("{{ .Count }}", new Counter())).isEqualTo("3");
    }

    @Test
    void recordsInsideCollectionsResolveInRange() {
        List<Service> services = List.of(new Service("a", 1, List.of()), new Service("b", 2, List.of()));
        assertThat(render("{{ range . }}{{ .Address }}:{{ .Port }},{{ end }}", services)).isEqualTo("a:1,b:2,");
    }

    @Test
    void anUnknownFieldOfAStringIsAnError() {
        assertThatThrownBy(() -> render("{{ .A.B }}", Map.of("A", "text")))
                .isInstanceOf(TemplateException.class)
                .hasMessage("template: t:1:4: executing \"t\" at <.A.B>: can't evaluate field B in type string");
    }

    @Test
    void anUnknownFieldOfARecordIsAnError() {
        assertThatThrownBy(() -> render("{{ .Nope }}", new Counter()))
                .hasMessageEndingWith("can't evaluate field Nope in type Counter");
    }

    @Test
    void aFieldOfNullIsANilPointerError() {
        assertThatThrownBy(() -> render("{{ .A.B }}", java.util.Collections.singletonMap("A", null)))
                .hasMessageEndingWith("nil pointer evaluating interface {}.B");
    }

    @Test
    void argumentsToAMapKeyAreAnError() {
        assertThatThrownBy(() -> render("{{ .A 1 }}", Map.of("A", "x")))
                .hasMessageEndingWith("A is not a method but has arguments");
    }

    @Test
    void aThrowingMethodIsAnErrorCallingIt() {
        assertThatThrownBy(() -> render("{{ .Fail }}", new Counter()))
                .hasMessageEndingWith("error calling Fail: boom")
                .hasRootCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void methodsCheckTheirArgumentCount() {
        assertThatThrownBy(() -> render("{{ .Count 1 }}", new Counter()))
                .hasMessageEndingWith("wrong number of args for Count: want 0 got 1");
    }
}
