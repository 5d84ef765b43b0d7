package io.autopilot.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.autopilot.config.AgentConfig;
import io.autopilot.config.ConfigException;
import io.autopilot.config.ConfigLoader;
import io.autopilot.decode.Problem;
import io.autopilot.jobs.Trigger;
import io.autopilot.templates.Delimiters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code templates} block as a configuration file declares it: what it decodes to, and every mistake named. */
class TemplateConfigTest {
    @TempDir
    Path dir;

    private AgentConfig load(String json5) throws Exception {
        return new ConfigLoader(Map.of()).load(Files.writeString(dir.resolve("app.json5"), json5));
    }

    private List<String> problems(String json5) throws Exception {
        try {
            load(json5);
        } catch (ConfigException e) {
            // Problems name the file as it was given; the folder is the test's own.
            return e.problems().stream().map(Problem::toString)
                    .map(problem -> problem.replace("(" + dir + "/app.json5:", "(app.json5:")).toList();
        }
        throw new AssertionError("the configuration was valid");
    }

    @Test
    void aTemplateFileAndItsDestinationAreTakenFromTheConfigurationsFolderWithEveryOption() throws Exception {
        Files.writeString(dir.resolve("nginx.conf.tmpl"), "{{ range service \"app\" }}{{ .Address }}{{ end }}");
        AgentConfig config = load("""
                { consul: "localhost:8500",
                  jobs: [{ name: "nginx", exec: "nginx", when: { source: "template.nginx", once: "rendered" } },
                         { name: "app", exec: "app" }],
                  templates: [{ name: "nginx", source: "nginx.conf.tmpl", destination: "conf/nginx.conf",
                                mode: "0600", wait: { min: "500ms", max: "3s" },
                                validate: { exec: "nginx -t -c %s", timeout: "5s" },
                                signal: { job: "nginx", signal: "hup" }, restart: "app" }] }
                """);
        TemplateConfig template = config.templates().getFirst();
        assertThat(template.name()).isEqualTo("nginx");
        assertThat(template.source()).contains(dir.resolve("nginx.conf.tmpl"));
        assertThat(template.text()).startsWith("{{ range service");
        assertThat(template.destination()).isEqualTo(dir.resolve("conf/nginx.conf"));
        assertThat(template.mode()).contains(0600);
        assertThat(template.quiescence()).contains(new Quiescence(Duration.ofMillis(500), Duration.ofSeconds(3)));
        assertThat(template.validate()).contains(new Validation(List.of("nginx", "-t", "-c", "%s"),
                Duration.ofSeconds(5)));
        assertThat(template.actions()).containsExactly(new TemplateConfig.JobAction("nginx", Optional.of("SIGHUP")),
                new TemplateConfig.JobAction("app", Optional.empty()));
        assertThat(template.readsConsul()).isTrue();
        assertThat(config.jobs().getFirst().when().trigger()).isInstanceOf(Trigger.OnEvent.class);
    }

    @Test
    void inlineContentsWithShortFormsAndDefaults() throws Exception {
        TemplateConfig template = load("""
                { templates: [{ name: "env", contents: 'host={{ "{{" }} env "HOSTNAME" }}', destination: "/tmp/x",
                                wait: "1s", validate: "true %s" }] }
                """).templates().getFirst();
        assertThat(template.source()).isEmpty();
        assertThat(template.text()).isEqualTo("host={{ env \"HOSTNAME\" }}");
        assertThat(template.quiescence()).contains(new Quiescence(Duration.ofSeconds(1), Duration.ofSeconds(4)));
        assertThat(template.validate()).contains(new Validation(List.of("true", "%s"), Validation.DEFAULT_TIMEOUT));
        assertThat(template.mode()).isEmpty();
        assertThat(template.actions()).isEmpty();
        assertThat(template.readsConsul()).isFalse();
    }

    @Test
    void inlineContentsWithTheirOwnDelimitersNeedNoEscaping() throws Exception {
        TemplateConfig template = load("""
                { consul: "localhost:8500",
                  templates: [{ name: "up", contents: '[[ range service "app" ]]{ [[ .Port ]] }[[ end ]]',
                                destination: "out", leftDelimiter: "[[", rightDelimiter: "]]" },
                              { name: "half", contents: "<% .X }}", destination: "out2", leftDelimiter: "<%" }] }
                """).templates().getFirst();
        assertThat(template.delimiters()).isEqualTo(new Delimiters("[[", "]]"));
        assertThat(template.readsConsul()).isTrue();
        assertThat(problems("""
                { templates: [{ name: "a", contents: "x", destination: "o", leftDelimiter: " " }] }
                """)).containsExactly("templates[0] (name \"a\").leftDelimiter: must not be blank (app.json5:1)");
    }

    @Test
    void everyMistakeIsNamedWithItsKeyAndLine() throws Exception {
        assertThat(problems("""
                { jobs: [{ name: "web", exec: "web" }],
                  templates: [
                    { name: "a", destination: "/tmp/a" },
                    { name: "b", source: "missing.tmpl", destination: "/tmp/b", mode: 755 },
                    { name: "c", contents: "x", source: "y", destination: "/tmp/c", mode: "rw-r--r--" },
                    { name: "d", contents: "x", wait: { min: "2s", max: "1s" }, signal: { job: "nginx",
                      signal: "KILL" }, restart: "db" },
                    { name: "a", contents: "x", destination: "/tmp/e", validate: { timeout: "0s" }, tmeout: 1 },
                  ] }
                """)).containsExactlyInAnyOrder(
                "templates[0] (name \"a\").source: is required: the template file (or \"contents\", the template"
                        + " inline) (app.json5:3)",
                "templates[1] (name \"b\").source: no such file: " + dir.resolve("missing.tmpl") + " (app.json5:4)",
                "templates[2] (name \"c\").contents: cannot be given with \"source\": a template is either a file or"
                        + " inline text (app.json5:5)",
                "templates[2] (name \"c\").mode: \"rw-r--r--\" is not an octal file mode such as \"0644\" or"
                        + " \"0600\" (app.json5:5)",
                "templates[3] (name \"d\").destination: is required (app.json5:6)",
                "templates[3] (name \"d\").wait.max: must not be shorter than min (2s) (app.json5:6)",
                "templates[3] (name \"d\").signal.job: \"nginx\" is not a job of this configuration (app.json5:6)",
                "templates[3] (name \"d\").signal.signal: must be one of SIGHUP, SIGUSR1, SIGUSR2, SIGTERM, SIGINT,"
                        + " SIGQUIT, SIGWINCH, not \"KILL\" (app.json5:7)",
                "templates[3] (name \"d\").restart: \"db\" is not a job of this configuration (app.json5:7)",
                "templates[4] (name \"a\").name: \"a\" is already the name of templates[0] (app.json5:8)",
                "templates[4] (name \"a\").validate.exec: is required: the command that checks the staged file"
                        + " (app.json5:8)",
                "templates[4] (name \"a\").validate.timeout: must be > 0, not 0s (app.json5:8)",
                "templates[4] (name \"a\").tmeout: unknown key (app.json5:8)");
    }

    @Test
    void aSyntaxErrorInTheTemplateFileNamesThatFilesLine() throws Exception {
        Path source = Files.writeString(dir.resolve("bad.tmpl"), "line one\n{{ range service \"app\" }}\n{{ .Port");
        assertThat(problems("""
                { consul: "localhost:8500",
                  templates: [{ name: "bad", source: "bad.tmpl", destination: "out" }] }
                """)).singleElement().asString()
                .startsWith("templates[0] (name \"bad\").source: could not parse the template: ")
                .endsWith("(" + source + ":3)");
    }

    @Test
    void aTemplateThatReadsConsulNeedsTheConsulBlockAndAMisspeltFunctionIsCaught() throws Exception {
        assertThat(problems("""
                { templates: [{ name: "up", contents: '{{ "{{" }} range service "app" }}x{{ "{{" }} end }}',
                                destination: "out" },
                              { name: "typo", contents: '{{ "{{" }} servce "app" }}', destination: "out2" }] }
                """)).containsExactlyInAnyOrder(
                "templates[1] (name \"typo\").contents: could not parse the template: function \"servce\" not"
                        + " defined (line 1 of contents) (app.json5:3)",
                "consul: is required: template \"up\" reads Consul (service, watch, key, ls or tree) (app.json5:1)");
    }

    @Test
    void jobsMayWaitForATemplatesEventsButNotForATemplateThatDoesNotExist() throws Exception {
        assertThat(problems("""
                { jobs: [{ name: "web", exec: "web", when: { source: "template.nope", once: "rendered" } }],
                  templates: [{ name: "conf", contents: "x", destination: "out" }] }
                """)).singleElement().asString().contains("when.source").contains("template.nope");
        assertThatCode(() -> load("""
                { jobs: [{ name: "web", exec: "web", when: { source: "template.conf", each: "renderFailed" } }],
                  templates: [{ name: "conf", contents: "x", destination: "out" }] }
                """)).doesNotThrowAnyException();
    }
}
