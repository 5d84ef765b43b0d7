package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.autopilot.decode.Problem;
import io.autopilot.templates.RenderLimits;
import io.autopilot.testing.AgentStack;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Configurations that reach a limit (of size, nesting, time or the template engine's) load as a problem report that
 * names the file and the line, on a thread with the agent's stack, never as a stack overflow, a heap exhausted or a
 * load that never ends.
 */
class ConfigLimitsTest {
    @TempDir
    Path dir;

    private Problem problem(String name, String text) throws Exception {
        return problem(name, text, Map.of());
    }

    private Problem problem(String name, String text, Map<String, String> environment) throws Exception {
        Path file = Files.writeString(dir.resolve(name), text);
        return problem(file, environment);
    }

    private static Problem problem(Path file, Map<String, String> environment) throws Exception {
        ConfigException error = AgentStack.call(() -> catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(environment).load(file)));
        assertThat(error).as("a problem report").isNotNull();
        assertThat(error.problems()).hasSize(1);
        return error.problems().getFirst();
    }

    @Test
    void aFormatWidthPastGosBoundPrintsAsGoDoesInsteadOfExhaustingTheHeap() throws Exception {
        Path file = Files.writeString(dir.resolve("app.json5"), "{{ printf \"%0999999999d\" 1 }}");

        String rendered = AgentStack.call(() -> new ConfigLoader(Map.of()).render(file));

        assertThat(rendered).isEqualTo("%!(NOVERB)%!(EXTRA int=1)");
    }

    @Test
    void aLoopOfAHundredMillionIsAProblemAtItsLine() throws Exception {
        Problem problem = problem("app.json5", "{\n  jobs: [{{ range loop 100000000 }}{}{{ end }}],\n}");

        assertThat(problem.toString()).isEqualTo(dir.resolve("app.json5") + ":2:19: could not render the"
                + " configuration's template: executing \"" + dir.resolve("app.json5") + "\" at <loop>: loop:"
                + " 100000000 elements are more than 100000, the limit of a list in a template");
    }

    @Test
    void replacingTheEmptyStringInALargeTextIsAProblem() throws Exception {
        Problem problem = problem("app.json5", "{ a: \"{{ replaceAll \"\" \"ab\" (printf \"%900000s\" \"\") }}\" }");

        assertThat(problem.origin().line()).isEqualTo(1);
        assertThat(problem.message()).endsWith("replaceAll: the result would be longer than 1048576 characters, the"
                + " limit of a string in a template");
    }

    @Test
    void nestedLoopsThatWouldRunForHoursStopAtTheIterationLimit() throws Exception {
        Problem problem = problem("app.json5",
                "{\n{{ range $i := loop 100000 }}{{ range loop 100000 }}{{ end }}{{ end }}\n}");

        assertThat(problem.origin().line()).isEqualTo(2);
        assertThat(problem.message()).endsWith("range: more than 100000 iterations, the limit of a render (all"
                + " ranges together)");
    }

    @Test
    void aTemplateThatWouldRenderForMinutesStopsAtTheTimeLimit() throws Exception {
        long start = System.nanoTime();

        Problem problem = problem("app.json5", "{\n{{ range loop 100000 }}\n{{ $s := replaceAll \" \" \"a\" (printf"
                + " \"%1000000s\" \"\") }}{{ end }}\n}");

        assertThat(problem.origin().line()).isIn(2, 3);
        assertThat(problem.message()).contains("the render took longer than 2s, the limit of a render");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void hoconNestedTwoThousandDeepIsAProblemAtTheLineThatPassesTheLimit() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            text.append("a {\n");
        }
        text.append("b = 1\n").append("}\n".repeat(2_000));

        Problem problem = problem("app.conf", text.toString());

        assertThat(problem.origin().line()).isEqualTo(HoconShape.MAX_DEPTH + 1);
        assertThat(problem.message()).startsWith("nested too deeply: more than 16 objects, arrays and segments of"
                + " dotted keys inside one another, the limit\n    a {");
    }

    @Test
    void aHoconKeyOfFiveThousandSegmentsIsAProblem() throws Exception {
        Problem problem = problem("app.conf", "jobs = []\n" + "a.".repeat(5_000) + "b = 1\n");

        assertThat(problem.origin().line()).isEqualTo(2);
        assertThat(problem.message()).startsWith("nested too deeply");
    }

    @Test
    void aLongChainOfHoconSubstitutionsIsAProblem() throws Exception {
        StringBuilder text = new StringBuilder("a0 = 1\n");
        for (int i = 1; i < 1_000; i++) {
            text.append("a").append(i).append(" = ${a").append(i - 1).append("}\n");
        }

        Problem problem = problem("app.conf", text.toString());

        assertThat(problem.origin().line()).isEqualTo(HoconShape.MAX_SUBSTITUTIONS + 2);
        assertThat(problem.message()).startsWith("more than 64 substitutions");
    }

    @Test
    void thousandsOfAppendsToOneKeyAreAProblemNotAnEndlessResolution() throws Exception {
        Problem problem = problem("app.conf", "jobs = []\n" + "y += {\nx-y: 1\n}\n".repeat(2_000));

        assertThat(problem.origin().line()).isEqualTo(2 + 3 * HoconShape.MAX_SUBSTITUTIONS);
        assertThat(problem.message()).startsWith("more than 64 substitutions");
    }

    @Test
    void substitutionsWrittenInsideSubstitutionsCountAsNesting() throws Exception {
        Problem problem = problem("app.conf", "jobs = []\na.b: " + "${b: ".repeat(2_000) + "\n");

        assertThat(problem.origin().line()).isEqualTo(2);
        assertThat(problem.message()).startsWith("nested too deeply");
    }

    @Test
    void parenthesesTwentyThousandDeepAreAProblemAtTheirLineAndColumn() throws Exception {
        Problem problem = problem("app.json5", "{\n  a: {{" + "(".repeat(20_000) + "1" + ")".repeat(20_000) + "}}\n}");

        assertThat(problem.origin().line()).isEqualTo(2);
        assertThat(problem.origin().column()).isEqualTo(8 + RenderLimits.MAX_NESTING);
        assertThat(problem.message()).endsWith("max expression depth exceeded: more than 32 control structures and"
                + " parentheses inside one another");
    }

    @Test
    void anEventSourceOfAMegabyteIsReportedWithoutADistanceTable() throws Exception {
        Path file = Files.writeString(dir.resolve("app.conf"), "jobs = [\n  { name = app, exec = \"true\",\n"
                + "    when { source = ${BIG}, once = healthy } }\n]\n");
        ConfigLoader loader = new ConfigLoader(Map.of("BIG", "x".repeat(1_600_000)));

        record Outcome(ConfigException error, long allocated) {
        }
        Outcome outcome = AgentStack.call(() -> {
            long before = allocated();
            ConfigException error = catchThrowableOfType(ConfigException.class, () -> loader.load(file));
            return new Outcome(error, allocated() - before);
        });

        assertThat(outcome.error().problems()).singleElement().satisfies(problem -> {
            assertThat(problem.origin().line()).isEqualTo(3);
            assertThat(problem.message()).contains("is not an event source").doesNotContain("did you mean");
        });
        // The value itself is copied a few dozen times (HOCON's resolution, the decoders, the hiding of environment
        // values in the message), about 70 MB in all, none of it kept; a distance table with it against each event
        // source would take that much per candidate, hundreds of megabytes.
        assertThat(outcome.allocated()).as("bytes allocated by the load").isLessThan(128L << 20);
    }

    @Test
    void aFileOfFortyMegabytesIsRefusedAtTheLineWhereItPassesTheLimit() throws Exception {
        Path file = dir.resolve("app.json5");
        byte[] line = ("// " + "x".repeat(1020) + "\n").getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 40 * 1024; i++) {
                out.write(line);
            }
        }

        Problem problem = problem(file, Map.of());

        assertThat(problem.toString()).isEqualTo(file + ":65: the file is larger than 65536 bytes, the limit of a"
                + " configuration file (it passes the limit on this line)");
    }

    @Test
    void aConfigurationLongerThanTheLimitOnceRenderedIsAProblemAtTheLineThatMadeIt() throws Exception {
        Problem problem = problem("app.json5", "{\n  a: 1,\n  b: \"{{ printf \"%70000s\" \"\" }}\",\n}");

        assertThat(problem.origin().line()).isEqualTo(3);
        assertThat(problem.message()).isEqualTo("the configuration is longer than 65536 characters once its"
                + " template is rendered, the limit (the output of this line passes it)");
    }

    @Test
    void invalidUtf8IsReportedAtTheLineAndColumnOfTheBadByte() throws Exception {
        Path file = dir.resolve("app.json5");
        Files.write(file, concat("{\n  a: 1,\n  b: \"é".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xFF},
                "\",\n}".getBytes(StandardCharsets.UTF_8)));

        Problem problem = problem(file, Map.of());

        assertThat(problem.toString()).isEqualTo(file + ":3:8: not UTF-8 text: byte 0xFF here does not belong to a"
                + " UTF-8 character");
    }

    @Test
    void json5NestedBeyondItsLimitIsASyntaxProblem() throws Exception {
        Problem problem = problem("app.json5", "{ a: " + "[".repeat(10_000) + " }");

        assertThat(problem.origin().line()).isEqualTo(1);
        assertThat(problem.message()).startsWith("too deeply nested: more than 32 objects and arrays");
    }

    @Test
    void everyNestingLimitHoldsOnAQuarterOfTheAgentsStack() throws Exception {
        int json5 = Json5Parser.MAX_DEPTH;
        int hocon = HoconShape.MAX_DEPTH;
        int template = RenderLimits.MAX_NESTING;
        Path json5File = Files.writeString(dir.resolve("json5.json5"), "{ a: " + "{ a: ".repeat(json5 - 2)
                + "[" + "{{ if 1 }}".repeat(template - 1) + "{{ (1) }}" + "{{ end }}".repeat(template - 1) + "]"
                + " }".repeat(json5 - 2) + " }");
        Path hoconFile = Files.writeString(dir.resolve("hocon.conf"), "x.y = 1\n" + "a {".repeat(hocon - 1)
                + "b.c = ${x.y}" + "}".repeat(hocon - 1) + "\n");
        ConfigLoader loader = new ConfigLoader(Map.of());

        for (Path file : new Path[] {json5File, hoconFile}) {
            ConfigException invalid = AgentStack.call(AgentStack.QUARTER, Duration.ofSeconds(30),
                    () -> catchThrowableOfType(ConfigException.class, () -> loader.load(file)));
            assertThat(invalid.problems()).as(file.toString()).allSatisfy(problem ->
                    assertThat(problem.message()).startsWith("unknown key"));
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    private static byte[] concat(byte[]... parts) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.write(part);
        }
        return out.toByteArray();
    }
}
