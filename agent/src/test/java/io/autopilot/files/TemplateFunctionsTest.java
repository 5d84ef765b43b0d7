package io.autopilot.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autopilot.templates.Template;
import io.autopilot.templates.TemplateException;
import io.autopilot.watches.WatchConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** consul-template's functions over data already read: names, fields and helpers as its templates use them. */
class TemplateFunctionsTest {
    private final List<Dependency> asked = new ArrayList<>();
    private final List<Dependency> required = new ArrayList<>();

    private final TemplateData data = new TemplateData() {
        @Override
        public List<Instance> service(Dependency.Service service) {
            asked.add(service);
            return List.of(
                    new Instance("web-1", service.name(), "node-a", "10.0.0.1", 8080, List.of("primary", "v2"),
                            Map.of("zone", "a")),
                    new Instance("web-2", service.name(), "node-b", "10.0.0.2", 8081, List.of("v2"), Map.of()));
        }

        @Override
        public List<KeyPair> keys(Dependency.Keys keys) {
            asked.add(keys);
            return switch (keys.path()) {
                case "app/port" -> List.of(new KeyPair("app/port", "8080"));
                case "app/" -> List.of(new KeyPair("app/", ""), new KeyPair("app/port", "8080"),
                        new KeyPair("app/db/", ""), new KeyPair("app/db/host", "db.local"));
                default -> List.of();
            };
        }

        @Override
        public void require(Dependency dependency) {
            required.add(dependency);
        }
    };

    private String render(String text) {
        var watches = Map.of("backend", new WatchConfig("web", Duration.ofSeconds(1), Optional.of("primary"),
                Optional.of("dc2")), "config", new WatchConfig("config", Duration.ofSeconds(1), Optional.empty(),
                Optional.empty(), Optional.of("app/")));
        return Template.parse("t", text, TemplateFunctions.of(Map.of("ZONE", "a")::get, data, watches))
                .render(Map.of());
    }

    @Test
    void serviceGivesInstancesWithConsulTemplatesFieldNames() {
        assertThat(render("{{ range service \"web\" }}{{ .ID }} {{ .Name }} {{ .Node }} {{ .Address }}:{{ .Port }}"
                + " {{ join \",\" .Tags }} {{ .Meta.zone }}{{ .ServiceMeta.zone }}\n{{ end }}")).isEqualTo("""
                web-1 web node-a 10.0.0.1:8080 primary,v2 aa
                web-2 web node-b 10.0.0.2:8081 v2\s
                """);
    }

    @Test
    void serviceReadsTagAndDatacenterAndWatchTakesThemFromTheWatch() {
        render("{{ service \"primary.web@dc2\" }}{{ service \"db@dc1\" }}{{ service \"canary.api\" }}"
                + "{{ watch \"backend\" }}");
        assertThat(asked).containsExactly(
                new Dependency.Service("web", Optional.of("primary"), Optional.of("dc2")),
                new Dependency.Service("db", Optional.empty(), Optional.of("dc1")),
                new Dependency.Service("api", Optional.of("canary"), Optional.empty()),
                new Dependency.Service("web", Optional.of("primary"), Optional.of("dc2")));
        assertThatThrownBy(() -> render("{{ watch \"nope\" }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("no watch named \"nope\" in the configuration (watches: backend, config)");
        assertThatThrownBy(() -> render("{{ watch \"config\" }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("watch \"config\" follows KV key \"app/\": read it with key, ls or tree");
    }

    @Test
    void keysWaitOnlyWhereConsulTemplateWaits() {
        assertThat(render("{{ key \"app/port\" }} {{ keyOrDefault \"app/missing\" \"9\" }} {{ keyExists \"app/port\" }}"
                + " {{ keyExists \"app/missing\" }}")).isEqualTo("8080 9 true false");
        assertThat(required).isEmpty();
        assertThat(render("[{{ key \"app/missing\" }}]")).isEqualTo("[]");
        assertThat(required).containsExactly(Dependency.Keys.key("app/missing"));
    }

    @Test
    void lsListsTheKeysRightUnderAPrefixAndTreeEveryKeyBelowIt() {
        assertThat(render("{{ range ls \"app\" }}{{ .Key }}={{ .Value }};{{ end }}")).isEqualTo("port=8080;");
        assertThat(render("{{ range tree \"app/\" }}{{ .Key }}={{ .Value }};{{ end }}"))
                .isEqualTo("port=8080;db/host=db.local;");
    }

    @Test
    void arithmeticAndParsingAsConsulTemplateOrdersThem() {
        assertThat(render("{{ add 1 2 }} {{ 8080 | add 1 }} {{ subtract 1 5 }} {{ 10 | divide 3 }} {{ modulo 3 10 }}"
                + " {{ multiply 2 \"21\" }} {{ add 0.5 1 }}")).isEqualTo("3 8081 4 3 1 42 1.5");
        assertThat(render("{{ parseInt \" 42 \" | add 1 }} {{ parseBool \"true\" }} {{ key \"app/port\" | parseInt }}"))
                .isEqualTo("43 true 8080");
        assertThatThrownBy(() -> render("{{ divide 0 1 }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("division by zero");
        assertThatThrownBy(() -> render("{{ parseInt \"x\" }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("\"x\" is not a whole number");
    }

    @Test
    void jsonInAndOutWithTheFieldNamesTemplatesUse() {
        assertThat(render("{{ service \"web\" | toJSON }}")).isEqualTo("[{\"ID\":\"web-1\",\"Name\":\"web\","
                + "\"Node\":\"node-a\",\"Address\":\"10.0.0.1\",\"Port\":8080,\"Tags\":[\"primary\",\"v2\"],"
                + "\"Meta\":{\"zone\":\"a\"}},{\"ID\":\"web-2\",\"Name\":\"web\",\"Node\":\"node-b\","
                + "\"Address\":\"10.0.0.2\",\"Port\":8081,\"Tags\":[\"v2\"],\"Meta\":{}}]");
        assertThat(render("{{ with parseJSON \"{\\\"b\\\": [1, 2], \\\"a\\\": {\\\"x\\\": true}}\" }}"
                + "{{ index .b 1 }} {{ .a.x }} {{ toJSON . }}{{ end }}"))
                .isEqualTo("2 true {\"a\":{\"x\":true},\"b\":[1,2]}");
        assertThat(render("{{ range ls \"app\" }}{{ toJSON . }}{{ end }}"))
                .isEqualTo("{\"Key\":\"port\",\"Value\":\"8080\"}");
    }

    @Test
    void membershipAndIndentation() {
        assertThat(render("{{ range service \"web\" }}{{ if in .Tags \"primary\" }}{{ .ID }}{{ end }}{{ end }}"))
                .isEqualTo("web-1");
        assertThat(render("{{ indent 2 \"a:\\n  b\" }}")).isEqualTo("  a:\n    b");
    }

    @Test
    void helpersForTagsSortingAndText() {
        assertThat(render("{{ range $tag, $instances := service \"web\" | byTag }}{{ $tag }}:{{ len $instances }} "
                + "{{ end }}")).isEqualTo("primary:1 v2:2 ");
        assertThat(render("{{ join \" \" (sort (split \",\" \"b,c,a\")) }}")).isEqualTo("a b c");
        assertThat(render("{{ range service \"web\" }}{{ if .Tags | contains \"primary\" }}{{ .ID }}{{ end }}"
                + "{{ end }}"))
                .isEqualTo("web-1");
        assertThat(render("{{ toUpper \"ab\" }}{{ toLower \"CD\" }}[{{ trimSpace \"  x \" }}]{{ env \"ZONE\" }}"))
                .isEqualTo("ABcd[x]a");
        assertThatThrownBy(() -> render("{{ service \"@dc1\" }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("no service name in \"@dc1\"");
        assertThatThrownBy(() -> render("{{ key \"/abs\" }}")).isInstanceOf(TemplateException.class)
                .hasMessageContaining("is not a Consul KV path");
    }
}
