package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client commands' quick lookup of the control socket agrees with the full loader: where it answers, it names the
 * socket the full loader names; where it cannot be sure, it leaves the file to the full loader.
 */
class ControlSocketScanTest {
    private static final Map<String, String> ENVIRONMENT = Map.of("SOCK", "/run/from-env.sock", "OTHER", "x");

    @TempDir
    Path dir;

    /** Each file: its name, its text, and whether the quick path answers. */
    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("a.json5", "{ control: { socket: \"/run/a.sock\" } }", true),
                Arguments.of("quoted-key.json5", "{ \"control\": { 'socket': '/run/b.sock', mode: \"0660\" } }", true),
                Arguments.of("no-control.json5", "{ jobs: [ { name: \"control\", exec: \"true\" } ] }", true),
                Arguments.of("nested.json5", "{ jobs: [ { name: \"x\", exec: [\"a\"], control: { socket: \"/no\" } } ], control: { socket: \"/run/c\" }, }", true),
                Arguments.of("comments.json5", "// control: { socket: \"/no\" }\n{ /* control: {socket: \"/no\"} */ consul: \"a{b\", control: {\n  socket: \"/run/d\", // }\n} }", true),
                Arguments.of("template.json5", "{ control: { socket: \"{{ .SOCK }}\" } }", true),
                Arguments.of("template-default.json5", "{ control: { socket: \"{{ .NONE | default \"/run/e\" }}\" } }", true),
                Arguments.of("template-elsewhere.json5", "{ consul: \"{{ .OTHER }}:8500\", control: { socket: \"/run/f\" } }", true),
                Arguments.of("bad-mode.json5", "{ control: { socket: \"/run/g\", mode: \"999\" } }", false),
                Arguments.of("escaped.json5", "{ control: { socket: \"/run/\\u0068\" } }", false),
                Arguments.of("escaped-key.json5", "{ \"contr\\u006fl\": { socket: \"/run/y\" } }", false),
                Arguments.of("escaped-identifier.json5", "{ \\u0063ontrol: { socket: \"/run/z\" } }", false),
                Arguments.of("other-key.json5", "{ control: { socket: \"/run/h\", nope: 1 } }", false),
                Arguments.of("twice.json5", "{ control: { socket: \"/run/i\" }, control: { socket: \"/run/j\" } }", false),
                Arguments.of("blank.json5", "{ control: { socket: \" \" } }", false),
                Arguments.of("not-object.json5", "{ control: \"/run/k\" }", false),
                Arguments.of("unbalanced.json5", "{ control: { socket: \"/run/l\" }", false),
                Arguments.of("bad-template.json5", "{ control: { socket: \"{{ nope }}\" } }", false),
                Arguments.of("a.conf", "control { socket = \"/run/m\" }", true),
                Arguments.of("colon.conf", "control: { socket: \"/run/n\" }\njobs = []", true),
                Arguments.of("unquoted.conf", "control {\n  socket = /run/o\n  mode = \"0600\"\n}", true),
                Arguments.of("braced.hocon", "{ control = { socket = \"/run/p\" } }", true),
                Arguments.of("no-control.conf", "consul = \"localhost:8500\"\njobs = []", true),
                Arguments.of("comments.conf", "# control { socket = \"/no\" }\ncontrol { socket = \"/run/q\" } // trailing", true),
                Arguments.of("template.conf", "control { socket = \"{{ .SOCK }}\" }", true),
                Arguments.of("substitution-elsewhere.conf", "consul = ${OTHER}\ncontrol { socket = \"/run/r\" }", true),
                Arguments.of("substitution.conf", "control { socket = ${SOCK} }", false),
                Arguments.of("dotted.conf", "control { socket = \"/run/s\" }\ncontrol.socket = \"/run/t\"", false),
                Arguments.of("merged.conf", "control { socket = \"/run/u\" }\ncontrol { mode = \"0660\" }", false),
                Arguments.of("concatenated.conf", "control { socket = \"/run/v\" } { mode = \"0660\" }", false),
                Arguments.of("include.conf", "include \"other.conf\"\ncontrol { socket = \"/run/w\" }", false),
                Arguments.of("multi-line.conf", "control { socket = \"\"\"/run/x\"\"\" }", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void answersOnlyWhatTheFullLoaderAnswers(String name, String text, boolean quick) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text);
        Optional<Path> scanned = ControlSocketScan.find(file, ENVIRONMENT);
        assertThat(scanned.isPresent()).as("%s answered by the quick path", name).isEqualTo(quick);
        if (scanned.isPresent()) {
            assertThat(scanned.get()).isEqualTo(new ConfigLoader(ENVIRONMENT).controlSocket(file));
        }
    }

    /** Each file: its name, its text ({@code |} for a line break), and the socket. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            substitution.conf; control { socket = ${SOCK} }; /run/from-env.sock
            dotted.conf; control { socket = "/run/s" }|control.socket = "/run/t"; /run/t
            merged.conf; control { socket = "/run/u" }|control { mode = "0660" }; /run/u
            """)
    void theFullLoaderReadsWhatTheQuickPathLeavesToIt(String name, String text, String socket) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text.replace("|", "\n"));
        assertThat(ControlSocketScan.find(file, ENVIRONMENT)).isEmpty();
        assertThat(new ConfigLoader(ENVIRONMENT).controlSocket(file)).isEqualTo(Path.of(socket));
    }
}
