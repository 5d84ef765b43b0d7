package io.autopilot.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.autopilot.core.PackagedAgent.ClientRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent, started with secrets in its environment and HOCON's default-then-override idiom in its file:
 * no error it prints at start, in {@code -validate}, in its log on a reload, or in the control plane's answer to
 * {@code -reload} shows a secret, whether it came from the agent's own environment or from {@code -putenv}.
 */
class SecretsInErrorsIT {
    private static final String TOKEN = "tkn-9Xw2-CANARY-93b0";
    private static final String SECRET = "Zq8xv3k-CANARY.wm2p";
    private static final String PUT = "Pt5vQ-CANARY-put";
    private static final Map<String, String> ENVIRONMENT = Map.of("CONSUL_HTTP_TOKEN", TOKEN, "SECRET", SECRET);

    @TempDir
    Path dir;

    private Path config;

    private String valid() {
        return """
                consul = "localhost:8500"
                consul = ${?CONSUL_HTTP_ADDR}
                control { socket = "%s" }
                jobs = [{ name = app, exec = ["sh", "-c", "echo app running; exec sleep 60"] }]
                """.formatted(dir.resolve("control.sock"));
    }

    private String broken(String extra) {
        return valid() + """
                consul = ${?SECRET}
                jobs = [{ name = app, exec = "true", port = ${CONSUL_HTTP_TOKEN}, health { exec = "true",
                  interval = 5, ttl = "{{ .SECRET }}" } }]
                stopTimeout = "{{ .SECRET }}"
                """ + extra;
    }

    private ClientRun client(String... args) throws Exception {
        return PackagedAgent.client(config, ENVIRONMENT, args);
    }

    private static void assertHidden(String output) {
        assertThat(output).contains("<from the environment>").doesNotContain("CANARY");
    }

    @Test
    void errorsAtStartInValidateInTheReloadLogAndInTheControlAnswerHideTheEnvironment() throws Exception {
        config = Files.writeString(dir.resolve("app.conf"), valid());
        PackagedAgent agent = PackagedAgent.start(ENVIRONMENT, "-config", config.toString());
        agent.awaitLine("app running");

        Files.writeString(config, broken(""));
        ClientRun reload = client("-reload");
        assertThat(reload.code()).as(reload.out()).isNotZero();
        assertHidden(reload.out());
        agent.awaitLine("reload rejected");

        assertThat(client("-putenv", "PUT_SECRET=" + PUT).code()).isZero();
        Files.writeString(config, valid() + "logging { level = \"{{ .PUT_SECRET }}\" }\n");
        ClientRun putenvReload = client("-reload");
        assertThat(putenvReload.out()).as("the value set with -putenv").contains("logging.level");
        assertHidden(putenvReload.out());

        Files.writeString(config, broken(""));
        ClientRun validate = client("-validate");
        assertThat(validate.code()).isEqualTo(1);
        assertHidden(validate.out());

        agent.terminate();
        agent.exitCode();
        assertThat(agent.lines).anyMatch(line -> line.contains("<from the environment>"))
                .noneMatch(line -> line.contains("CANARY"));

        PackagedAgent broken = PackagedAgent.start(ENVIRONMENT, "-config", config.toString());
        assertThat(broken.exitCode()).isNotZero();
        assertHidden(String.join("\n", broken.lines));
    }

    @Test
    void theDocumentedHoconIdiomStartsWithTheVariableSetAndWithout() throws Exception {
        config = Files.writeString(dir.resolve("app.conf"), valid());
        for (var environment : List.of(ENVIRONMENT, Map.of("CONSUL_HTTP_ADDR", "127.0.0.1:8501", "SECRET", SECRET))) {
            PackagedAgent agent = PackagedAgent.start(environment, "-validate", "-config", config.toString());
            assertThat(agent.exitCode()).as(String.join("\n", agent.lines)).isZero();
            assertThat(String.join("\n", agent.lines)).contains("valid: 1 job")
                    .contains(environment.getOrDefault("CONSUL_HTTP_ADDR", "localhost:8500"));
        }
    }
}
