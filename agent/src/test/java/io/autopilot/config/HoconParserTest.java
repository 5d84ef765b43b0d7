package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import io.autopilot.decode.Node;
import io.autopilot.decode.Node.NumberNode;
import io.autopilot.decode.Origin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/** HOCON and JSON through Typesafe Config: substitutions from the given environment, origins, and leniencies. */
class HoconParserTest {
    private static final Map<String, String> ENV = Map.of("HOME", "/home/app", "PORT", "8080");

    private static Node parse(String text) {
        return HoconParser.parse(text, "app.conf", IntUnaryOperator.identity(), ENV);
    }

    private static Map<String, Object> object(String text) {
        return PlainValues.object(parse(text));
    }

    private static ConfigSyntaxException error(String text) {
        return catchThrowableOfType(ConfigSyntaxException.class, () -> parse(text));
    }

    @Test
    void substitutionsComeFromTheGivenEnvironmentNotTheProcessOne() {
        Map<String, String> environment = Map.of("CONSUL", "consul:8500");

        Node root = HoconParser.parse("consul = ${CONSUL}\npath = ${?PATH}", "app.conf", IntUnaryOperator.identity(),
                environment);

        assertThat(PlainValues.of(root)).as("PATH is set for this test's process, but not in the given map")
                .isEqualTo(Map.of("consul", "consul:8500"));
    }

    @Test
    void anOptionalSubstitutionOfAnUnsetVariableLeavesTheKeyOut() {
        assertThat(object("home = ${?HOME}\nshell = ${?SHELL_IS_NOT_SET}\nlist = [${?NOPE}, 1]"))
                .containsExactly(entry("home", "/home/app"), entry("list", List.of(1.0)));
    }

    @Test
    void substitutionsConcatenateAndMayReferToTheFileItself() {
        assertThat(object("bin = ${HOME}\"/bin\"\nport = ${PORT}\nsame = ${port}"))
                .containsExactly(entry("bin", "/home/app/bin"), entry("port", "8080"), entry("same", "8080"));
    }

    @Test
    void aDefaultThenAnOptionalOverrideTakesTheVariableWhenSetAndKeepsTheDefaultWhenNot() {
        String text = "consul = \"localhost:8500\"\nconsul = ${?CONSUL_HTTP_ADDR}\n";

        assertThat(PlainValues.of(HoconParser.parse(text, "app.conf", IntUnaryOperator.identity(),
                Map.of("CONSUL_HTTP_ADDR", "consul:8500", "CONSUL_HTTP_TOKEN", "secret-token"))))
                .isEqualTo(Map.of("consul", "consul:8500"));
        assertThat(PlainValues.of(HoconParser.parse(text, "app.conf", IntUnaryOperator.identity(),
                Map.of("CONSUL_HTTP_TOKEN", "secret-token"))))
                .isEqualTo(Map.of("consul", "localhost:8500"));
    }

    @Test
    void aRequiredSubstitutionOfAnUnsetVariableNamesItAndItsLine() {
        ConfigSyntaxException error = error("a = 1\nconsul {\n  address = ${CONSUL_ADDR}\n}");

        assertThat(error.origin()).isEqualTo(Origin.of("app.conf", 3, 0));
        assertThat(error.getMessage()).isEqualTo("""
                app.conf:3: ${CONSUL_ADDR} is not set: there is no environment variable or key CONSUL_ADDR \
                (write ${?CONSUL_ADDR} to leave the value out when it is unset)
                      address = ${CONSUL_ADDR}""");
    }

    @Test
    void aSubstitutedValueCarriesTheLineWhereTheSubstitutionIsWritten() {
        Node root = parse("a = 1\n\nport = ${PORT}\nlist = [\n  x,\n  ${HOME}\n]");

        assertThat(PlainValues.at(root, "port").origin()).isEqualTo(Origin.of("app.conf", 3, 0));
        assertThat(PlainValues.at(root, "list", 1).origin()).isEqualTo(Origin.of("app.conf", 6, 0));
    }

    @Test
    void valuesCarryTheirLineMappedToTheSourceFile() {
        Node root = HoconParser.parse("consul = \"c:8500\"\njobs = [\n  {\n    name = web\n  }\n]", "app.conf",
                line -> line + 20, ENV);

        assertThat(PlainValues.at(root, "consul").origin()).isEqualTo(Origin.of("app.conf", 21, 0));
        assertThat(PlainValues.at(root, "jobs").origin()).isEqualTo(Origin.of("app.conf", 22, 0));
        assertThat(PlainValues.at(root, "jobs", 0).origin()).isEqualTo(Origin.of("app.conf", 23, 0));
        assertThat(PlainValues.at(root, "jobs", 0, "name").origin()).isEqualTo(Origin.of("app.conf", 24, 0));
    }

    @Test
    void errorLinesAreMappedToo() {
        ConfigSyntaxException error = catchThrowableOfType(ConfigSyntaxException.class,
                () -> HoconParser.parse("a = 1\nb = ${X}", "app.conf", line -> line + 40, ENV));

        assertThat(error.origin().line()).isEqualTo(42);
        assertThat(error.excerpt()).isEqualTo("    b = ${X}");
    }

    @Test
    void keysComeInFileOrderByLineThenName() {
        assertThat(object("zeta = 1\nalpha = 2\nmid = 3, beta = 4").keySet())
                .containsExactly("zeta", "alpha", "beta", "mid");
    }

    @Test
    void nestedObjectsArraysNumbersBooleansAndNullConvert() {
        Map<String, Object> job = new HashMap<>();
        job.put("health", Map.of("interval", 5.0, "ttl", 10.5));
        job.put("tags", List.of("a", "b", List.of(true)));
        job.put("off", false);
        job.put("none", null);

        assertThat(object("job { health { interval = 5, ttl = 10.5 }, tags = [a, \"b\", [true]], off = false,"
                + " none = null }")).isEqualTo(Map.of("job", job));
    }

    @Test
    void integersHaveNoSpuriousFractionInTheirText() {
        Node root = parse("a = 5\nb = 5000000000\nc = 0.25\nd = -3\ne = 5.0\nf = 1e3");

        assertThat(List.of("a", "b", "c", "d", "e", "f")).extracting(key -> ((NumberNode) PlainValues.at(root, key)).text())
                .containsExactly("5", "5000000000", "0.25", "-3", "5", "1000");
    }

    @Test
    void pathKeysNestAndRepeatedObjectsMerge() {
        assertThat(PlainValues.of(parse("a.b.c = 1\na { d = 2 }\na.b { e = 3 }"))).isEqualTo(
                Map.of("a", Map.of("b", Map.of("c", 1.0, "e", 3.0), "d", 2.0)));
    }

    @Test
    void jsonTextWithLineCommentsLoadsAsHocon() {
        Node root = HoconParser.parse("""
                {
                  // the Consul agent
                  "consul": "localhost:8500",
                  # jobs
                  "jobs": [{"name": "app", "port": 80}]
                }
                """, "app.conf", IntUnaryOperator.identity(), ENV);

        assertThat(PlainValues.of(root)).isEqualTo(
                Map.of("consul", "localhost:8500", "jobs", List.of(Map.of("name", "app", "port", 80.0))));
        assertThat(PlainValues.at(root, "jobs", 0, "port").origin()).isEqualTo(Origin.of("app.conf", 5, 0));
    }

    @Test
    void blockCommentsAreNotHoconAndTheErrorSaysSo() {
        ConfigSyntaxException error = error("{\n  /* jobs */\n  a = 1\n}");

        assertThat(error.origin().line()).isEqualTo(2);
        assertThat(error.reason()).isEqualTo("/* ... */ comments are not HOCON: use // or # comments");
    }

    /** What the loader's documentation tells users about HOCON compared with JSON5. */
    @Test
    void hoconAcceptsTrailingCommasUnquotedKeysAndBothCommentStyles() {
        assertThat(object("{ a: [1, 2,], b: { c: 3, }, }")).isEqualTo(
                Map.of("a", List.of(1.0, 2.0), "b", Map.of("c", 3.0)));
        assertThat(object("my-key = 1\nunder_score: 2")).containsExactly(entry("my-key", 1.0), entry("under_score", 2.0));
        assertThat(object("// slashes\n# hash\na = 1 // after\nb = 2 # after")).containsExactly(entry("a", 1.0),
                entry("b", 2.0));
        assertThat(object("interval = 5s\nexec = /bin/app --flag")).as("unquoted text is a string")
                .containsExactly(entry("interval", "5s"), entry("exec", "/bin/app --flag"));
    }

    @Test
    void hoconTakesSingleQuotesAndJson5NumbersAsPlainText() {
        assertThat(object("a = 'x'\nb = 0x1F\nc = .5\nd = Infinity")).as("no error, and the quotes are kept")
                .containsExactly(entry("a", "'x'"), entry("b", "0x1F"), entry("c", ".5"), entry("d", "Infinity"));
        assertThat(error("a = +5").origin().line()).isEqualTo(1);
    }

    @Test
    void parseErrorsLoseTypesafesPrefixAndAdvice() {
        ConfigSyntaxException error = error("a = 1\n}");

        assertThat(error.getMessage()).isEqualTo("app.conf:2: unbalanced close brace '}' with no open brace\n    }");
    }

    @Test
    void crypticParseErrorsAreReworded() {
        assertThat(error("a {\n  b = 1\n").reason()).isEqualTo("an object is never closed: expected '}', found end of file");
        assertThat(error("a = \"open\nb = 1").reason()).isEqualTo("a quoted string is not closed on its line"
                + " (write \\n for a line break, or use \"\"\"...\"\"\" for text over several lines)");
        assertThat(error("a = \"\\q\"").reason()).isEqualTo("invalid escape '\\q' in a quoted string"
                + " (quoted strings take JSON escapes; write \\\\ for a backslash)");
        assertThat(error("[1, 2]").reason()).isEqualTo("the top level must be an object, not a list");
        assertThat(error("a = ${HOME} { x = 1 }").reason())
                .startsWith("cannot join an object or a list with text or a number in one value");
    }

    @Test
    void aCycleOfSubstitutionsIsAnError() {
        assertThat(error("a = ${b}\nb = ${a}").reason()).contains("cycle");
    }

    @Test
    void includesAreRefusedAtTheirLine() {
        ConfigSyntaxException error = error("a = 1\ninclude \"other.conf\"");

        assertThat(error.origin().line()).isEqualTo(2);
        assertThat(error.reason()).isEqualTo("'include' is not supported: write the whole configuration in this file");
        assertThat(error("include file(\"/etc/hosts\")").origin().line()).isEqualTo(1);
    }

    @Test
    void anEmptyFileIsAnEmptyObject() {
        assertThat(object("")).isEmpty();
    }
}
