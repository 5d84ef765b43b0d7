package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autopilot.decode.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No error about a configuration shows a value the environment put into it: each environment variable here holds a
 * canary, and every kind of error a load can end in (template, JSON5 and HOCON syntax, substitutions, types, unknown
 * keys, validation across keys) is driven with the canary in the offending value, its line, or the line before.
 */
class EnvironmentValuesInErrorsTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "SECRET", "Zq8xv3k-CANARY.wm2p/4rT",
            "CONSUL_HTTP_TOKEN", "tkn-9Xw2-CANARY-93b0",
            "PASSPHRASE", "Vb7w kp2Lq CANARYzx9",
            "REGEX", "(CANARY",
            "SHORT", "q7");

    /** Whether {@code text} shows any value of the environment, or any part of one (four characters in a row). */
    private static boolean showsASecret(String text) {
        return ENVIRONMENT.values().stream().filter(value -> value.length() >= 4).anyMatch(value -> {
            for (int i = 0; i + 4 <= value.length(); i++) {
                String part = value.substring(i, i + 4);
                if (!part.isBlank() && text.contains(part)) {
                    return true;
                }
            }
            return false;
        });
    }

    @TempDir
    Path dir;

    private List<String> problems(String name, String text) throws IOException {
        Path file = Files.writeString(dir.resolve(name), text);
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(ENVIRONMENT).load(file));
        assertThat(error).as("the load of " + text + " fails").isNotNull();
        List<String> problems = error.problems().stream().map(Problem::toString).toList();
        assertThat(problems).as(text).isNotEmpty().noneMatch(EnvironmentValuesInErrorsTest::showsASecret);
        assertThat(error.getMessage()).matches(message -> !showsASecret(message));
        return problems.stream().map(problem -> problem.replace(dir + "/", "")).toList();
    }

    @Test
    void valuesThatFailToDecodeAreNamedAsComingFromTheEnvironment() throws IOException {
        assertThat(problems("app.json5", """
                {
                  consul: "{{ .SECRET }}:{{ .SECRET }}",
                  jobs: [{
                    name: "web",
                    exec: "/bin/app '{{ .PASSPHRASE }}",
                    port: "{{ .SECRET }}",
                    restarts: "{{ .SECRET }}",
                    when: { interval: "{{ .SECRET }}" },
                    health: { exec: "true", interval: 5, ttl: "{{ .SHORT }}" },
                  }],
                  logging: { level: "{{ .CONSUL_HTTP_TOKEN }}" },
                  "{{ .SECRET }}": 1,
                }
                """)).contains(
                "jobs[0] (name \"web\").port: must be a whole number, not a string \"<from the environment>\""
                        + " (app.json5:6)",
                "jobs[0] (name \"web\").health.ttl: \"<from the environment>\" is not a duration: expected a number"
                        + " before \"q\" (app.json5:9)",
                "<from the environment>: unknown key (app.json5:12)")
                .hasSize(8);
    }

    @Test
    void namesFromTheEnvironmentAreHiddenWhereOtherKeysQuoteThem() throws IOException {
        List<String> problems = problems("app.json5", """
                {
                  jobs: [{ name: "{{ .SECRET }}", exec: "true", port: 8080, health: { exec: "true", interval: 5,
                           ttl: 10 } },
                         { name: "b", exec: "true", when: { source: "{{ .PASSPHRASE }}", once: "healthy" } }],
                  templates: [{ name: "t", contents: "x", destination: "/tmp/t", restart: "{{ .CONSUL_HTTP_TOKEN }}",
                                mode: "{{ .SECRET }}" }],
                }
                """);
        assertThat(problems).anyMatch(p -> p.contains("\"<from the environment>\""));
    }

    @Test
    void theTemplatesOwnErrorsHideEveryVariable() throws IOException {
        assertThat(problems("loop.json5", "{ jobs: [{{ range loop .SECRET }}{{ end }}] }")).singleElement()
                .asString().contains("<from the environment>");
        problems("regex.json5", "{ consul: \"{{ regexReplaceAll .REGEX \"x\" \"y\" }}\" }");
        problems("range.json5", "{ consul: \"{{ range $i, $c := .SECRET }}{{ end }}\" }");
        problems("index.json5", "{ consul: \"{{ index .PASSPHRASE 99 }}\" }");
    }

    @Test
    void aJson5SyntaxErrorShowsItsLineWithoutWhatTheTemplatePrinted() throws IOException {
        assertThat(problems("bare.json5", "{\n  consul: {{ .SECRET }},\n}\n")).singleElement().asString()
                .startsWith("bare.json5:2:11: expected a value for \"consul\", found <from the environment>")
                .contains("consul: <from the environment>,");
        problems("after.json5", "{\n  token: \"{{ .CONSUL_HTTP_TOKEN }}\" x: 1\n}\n");
        problems("next.json5", "{\n  token: \"{{ .CONSUL_HTTP_TOKEN }}\",\n  x: 1 2\n}\n");
        problems("number.json5", "{\n  port: 5{{ .SECRET }}\n}\n");
        problems("escape.json5", "{\n  token: \"{{ .REGEX }}\\q\"\n}\n");
        problems("unclosed.json5", "{\n  token: \"{{ .PASSPHRASE }}\n}\n");
        String padding = "x".repeat(70);
        problems("long.json5", "{ a: \"" + padding + "\", token: \"{{ .SECRET }}{{ .SECRET }}\", b: 1 2 }");
        problems("cut.json5", "{ a: \"" + padding + "\", token: \"{{ .SECRET }}\" ! }");
    }

    @Test
    void hoconsDefaultThenOverrideLoadsWhetherTheVariableIsSetOrNot() throws Exception {
        Path file = Files.writeString(dir.resolve("app.conf"), """
                consul = "localhost:8500"
                consul = ${?CONSUL_HTTP_ADDR}
                """);
        assertThat(new ConfigLoader(ENVIRONMENT).load(file).consul().orElseThrow().address())
                .contains("localhost:8500");
        var set = new java.util.HashMap<>(ENVIRONMENT);
        set.put("CONSUL_HTTP_ADDR", "consul:8500");
        assertThat(new ConfigLoader(set).load(file).consul().orElseThrow().address()).contains("consul:8500");
    }

    @Test
    void hoconErrorsHideWhatTheSubstitutionsTook() throws IOException {
        assertThat(problems("types.conf", """
                consul = "localhost:8500"
                consul = ${?SECRET}
                jobs = [{ name = web, exec = "true", port = ${SECRET}, when { interval = ${?SHORT} } }]
                """)).anyMatch(p -> p.contains("<from the environment>"));
        problems("merge.conf", "consul = { address = x }\nconsul = ${?SECRET} [1]\n");
        problems("join.conf", "a = ${SECRET} { b = 1 }\n");
        problems("syntax.conf", "consul = ${?SECRET} }\n");
        problems("printed.conf", "consul = {{ .SECRET }} }\n");
        problems("typo.conf", "consul = ${?SECRET}\njobz = ${?PASSPHRASE}\n");
        problems("cycle.conf", "a = ${?SECRET}\na = ${b}\nb = ${a}\n");
    }

    @Test
    void aShortValueIsHiddenOnItsLineButTheRestOfTheMessageIsLeftAlone() throws IOException {
        assertThat(problems("short.json5", "{\n  stopTimeout: \"{{ .SHORT }}\",\n  logging: { level: \"q7\" },\n}"))
                .containsExactly(
                        "stopTimeout: \"<from the environment>\" is not a duration: expected a number before \"q\""
                                + " (short.json5:2)",
                        "logging.level: must be one of panic, fatal, error, warn, info, debug; not \"q7\""
                                + " (short.json5:3)");
    }
}
