package io.autopilot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that do not run the agent: what they print and which exit code they give. */
class CommandsTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return new Commands("autopilot", environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void versionPrintsContainerPilotsTwoLines() {
        assertThat(run("-version")).isZero();
        assertThat(out()).matches("Version: \\S+\nGitHash: \\S+\n");
    }

    @Test
    void helpListsEveryFlagOnItsOwnLine() {
        assertThat(run("--help")).isZero();
        for (Flag flag : Flag.values()) {
            assertThat(out()).containsPattern("(?m)^  -" + flag.flagName() + "\\b");
        }
    }

    @Test
    void aUsageErrorExitsTwoAndPointsAtHelp() {
        assertThat(run("-maintenance", "foo", "-config", "x")).isEqualTo(2);
        assertThat(err()).isEqualTo("autopilot: -maintenance must be \"enable\" or \"disable\", not \"foo\"\n"
                + "Run 'autopilot -help' for usage.\n");
    }

    @Test
    void validateSummarisesAValidConfig() throws IOException {
        Path config = file("app.json5", "{ consul: 'c:8500', jobs: [{ name: 'a', exec: 'true' }],"
                + " watches: [{ name: 'db', interval: 5 }],"
                + " templates: [{ name: 't', contents: 'x', destination: 'y' }] }");
        assertThat(run("-validate", "-config", config.toString())).isZero();
        assertThat(out()).isEqualTo(config + ": valid: 1 job, 1 watch, 1 template, consul c:8500, control socket"
                + " /var/run/containerpilot.socket\n");
    }

    @Test
    void validatePrintsEveryProblemAndExitsOne() throws IOException {
        Path config = file("bad.json5", "{\n  jobs: [{ name: 'a', restarts: -1 }],\n  stopTimout: 5,\n}\n");
        assertThat(run("-validate", "-config", config.toString())).isEqualTo(1);
        assertThat(err()).isEqualTo(
                "jobs[0] (name \"a\").restarts: must be a whole number >= 0, \"unlimited\" or \"never\", not -1 ("
                        + config + ":2)\n"
                        + "stopTimout: unknown key (did you mean \"stopTimeout\"?) (" + config + ":3)\n"
                        + "autopilot: 2 problems in the configuration\n");
    }

    @Test
    void validatePrintsWarningsOnStderrAndStillExitsZero() throws IOException {
        Path config = file("warn.json5", "{\n  consul: 'c:8500',\n  jobs: [{ name: 'web', exec: 'true', port: 80,\n"
                + "    health: { interval: 1, ttl: 5 }, interfaces: 'static:10.0.0.5' }]\n}\n");
        assertThat(run("-validate", "-config", config.toString())).isZero();
        assertThat(out()).startsWith(config + ": valid: 1 job");
        assertThat(err()).isEqualTo("warning: jobs[0] (name \"web\").health: has no check (exec, http or tcp): the"
                + " service is registered in Consul as passing whenever the agent runs, whatever state the process is"
                + " in (" + config + ":4)\n");
    }

    @Test
    void planPrintsWhatStartsWhatAndItsWarnings() throws IOException {
        Path config = file("plan.json5", """
                {
                  reloadOn: "SIGHUP",
                  jobs: [
                    { name: "setup", exec: "true" },
                    { name: "app", exec: "sleep 60", when: { source: "setup", once: "exitSuccess" } },
                    { name: "rotate", exec: "true", when: { source: "SIGUSR2" } },
                    { name: "tick", exec: "true", when: { interval: "5s" } },
                    { name: "late", exec: "true", when: { source: "app", once: "healthy" } },
                  ],
                }
                """);
        assertThat(run("-plan", "-config", config.toString())).isZero();
        assertThat(out()).isEqualTo("""
                the agent ("global"): publishes startup, enterMaintenance, exitMaintenance
                  startup starts job "setup" (once)
                  startup starts job "tick" (every 5s)
                signal SIGHUP: reloads the configuration
                signal SIGUSR2
                  it starts job "rotate" (each)
                job "setup": publishes exitSuccess, exitFailed, gaveUp, stopping, stopped
                  exitSuccess starts job "app" (once)
                job "app": publishes exitSuccess, exitFailed, gaveUp, stopping, stopped
                  healthy starts job "late" (once)
                job "rotate": publishes exitSuccess, exitFailed, gaveUp, stopping, stopped
                job "tick": publishes exitSuccess, exitFailed, gaveUp, stopping, stopped
                job "late": publishes stopping, stopped
                never start: job "late"
                """);
        assertThat(err()).startsWith("warning: jobs[4] (name \"late\").when.once: job \"late\" can never start");
    }

    @Test
    void planAsDotDrawsSourcesEventsAndJobs() throws IOException {
        Path config = file("dot.json5", "{ jobs: [{ name: 'setup', exec: 'true' },"
                + " { name: 'app', exec: 'true', when: { source: 'setup', once: 'exitSuccess' } }] }");
        assertThat(run("-plan=dot", "-config", config.toString())).isZero();
        assertThat(out()).startsWith("digraph autopilot {\n").endsWith("}\n")
                .contains("  \"setup\" [label=\"setup\", shape=box, style=rounded];\n")
                .contains("  \"setup/exitSuccess\" [label=\"exitSuccess\", shape=plaintext, fontsize=9];\n")
                .contains("  \"setup\" -> \"setup/exitSuccess\" [arrowhead=none];\n")
                .contains("  \"setup/exitSuccess\" -> \"app\" [label=\"once\"];\n");
        assertThat(run("-plan=svg", "-config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("-plan takes no value, or \"=dot\" (or \"=text\"), not \"svg\"");
    }

    @Test
    void validateWarnsWhenNoInterfaceOfThisMachineMatchesAndStillExitsZero() throws IOException {
        Path config = file("late.json5", "{\n  consul: 'c:8500',\n  jobs: [{ name: 'web', exec: 'true', port: 80,\n"
                + "    health: { exec: 'true', interval: 1, ttl: 5 },\n    interfaces: ['nosuch0'] }]\n}\n");
        assertThat(run("-validate", "-config", config.toString())).isZero();
        assertThat(out()).startsWith(config + ": valid: 1 job");
        assertThat(err()).startsWith("warning: jobs[0] (name \"web\").interfaces: no address matches the interfaces"
                + " nosuch0:inet; this machine has ").contains(": on this machine the service would wait"
                + " unregistered until an interface matches").endsWith("(" + config + ":5)\n");
    }

    @Test
    void theConfigPathComesFromContainerpilotWhenNotGiven() throws IOException {
        Path config = file("env.json5", "{}");
        assertThat(run(Map.of("CONTAINERPILOT", config.toString()), "-validate")).isZero();
        assertThat(run("-validate")).isEqualTo(2);
        assertThat(err()).contains("-validate needs a configuration: give -config FILE or set CONTAINERPILOT");
    }

    @Test
    void syntaxErrorsShowTheSourceLineAndAnExcerpt() throws IOException {
        Path config = file("syntax.json5", "{\n  jobs: [\n    { name: 'a' exec: 'x' }\n  ]\n}\n");
        assertThat(run("-validate", "-config", config.toString())).isEqualTo(1);
        assertThat(err()).startsWith(config + ":3:17: ").contains("    { name: 'a' exec: 'x' }\n");
    }

    @Test
    void templateRendersTheEnvironmentWithoutTruncatingAtEquals() throws IOException {
        Path config = file("t.json5", "{ consul: \"{{ .ADDR }}\", x: \"{{ .ARGS | default \"none\" }}\" }");
        assertThat(run(Map.of("ADDR", "a=b=c"), "-template", "-config", config.toString())).isZero();
        assertThat(out()).isEqualTo("{ consul: \"a=b=c\", x: \"none\" }");
    }

    @Test
    void templateWritesToOutWithMode0644() throws IOException {
        Path config = file("t.json5", "{ n: {{ len \"abc\" }} }");
        Path target = dir.resolve("rendered.json5");
        assertThat(run("-template", "-out", target.toString(), "-config", config.toString())).isZero();
        assertThat(target).hasContent("{ n: 3 }");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }

    @Test
    void templateErrorsNameTheSourceLine() throws IOException {
        Path config = file("t.json5", "{\n  a: \"{{ nope }}\"\n}");
        assertThat(run("-template", "-config", config.toString())).isEqualTo(1);
        assertThat(err()).startsWith(config + ":2:").contains("function \"nope\" not defined");
    }

    @Test
    void aMissingFileIsOneProblem() {
        assertThat(run("-validate", "-config", dir.resolve("none.json5").toString())).isEqualTo(1);
        assertThat(err()).startsWith(dir.resolve("none.json5") + ": no such file\n");
    }

    @Test
    void clientCommandsFailClearlyWhenNoAgentListens() throws IOException {
        Path socket = dir.resolve("control.sock");
        Path config = file("c.json5", "{ control: { socket: '" + socket + "' }, jobs: 'not even valid' }");
        assertThat(run("-ping", "-config", config.toString())).isEqualTo(1);
        assertThat(err()).startsWith("autopilot: -ping: control plane not available at " + socket
                + ": no agent is listening");
    }
}
