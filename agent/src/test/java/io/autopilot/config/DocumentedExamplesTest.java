package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.autopilot.config.DocumentedExamples.Example;
import io.autopilot.config.DocumentedExamples.Kind;
import io.autopilot.decode.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every configuration example of the repository's markdown loads as {@code -validate} loads a file
 * ({@link ConfigLoader#load}, over an environment where nothing is set), unless a visible marker says it is a
 * fragment, a deliberate mistake (which must then fail) or not a configuration ({@link DocumentedExamples}). A failure
 * names the markdown file and the line of the example's fence, and its problems carry the markdown's own lines.
 */
class DocumentedExamplesTest {
    private final Path root = SchemaDocuments.repositoryRoot();
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyConfigurationExampleOfTheDocsLoadsAsValidateLoadsIt() {
        return DocumentedExamples.markdown(root).stream()
                .flatMap(markdown -> DocumentedExamples.in(markdown).stream())
                .filter(example -> example.kind() != Kind.FRAGMENT && example.kind() != Kind.NOT_A_CONFIGURATION)
                .map(example -> DynamicTest.dynamicTest(example.where(root) + " (" + example.kind().marker + ")",
                        () -> check(example)));
    }

    @Test
    void theReferenceKeepsItsExamplesCheckedAndMarksEveryOtherBlock() {
        List<Example> examples = DocumentedExamples.in(root.resolve("docs/configuration.md"));
        assertThat(examples).filteredOn(example -> example.kind() == Kind.FILE).extracting(Example::language)
                .contains("json5", "hocon");
        assertThat(examples).extracting(Example::kind).contains(Kind.TOP_LEVEL_KEYS, Kind.NOT_A_CONFIGURATION);
    }

    @Test
    void anExampleThatDoesNotLoadIsReportedWithTheMarkdownFileAndLine() throws IOException {
        Path markdown = Files.writeString(dir.resolve("guide.md"), """
                # Guide

                <!-- example: top-level keys -->
                ```json5
                jobs: [
                  { name: "app", exec: "app", health: { interval: 5, tll: 10 } },
                ],
                ```
                """);
        Example example = DocumentedExamples.in(markdown).getFirst();

        assertThatThrownBy(() -> check(example)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(root.relativize(markdown) + ":4: the json5 example does not load")
                .hasMessageContaining("jobs[0] (name \"app\").health.tll: unknown key (did you mean \"ttl\"?)")
                .hasMessageContaining(":6)");
    }

    @Test
    void aMarkerOfNoKnownKindOrBeforeNoExampleIsAnError() throws IOException {
        Path unknown = Files.writeString(dir.resolve("unknown.md"), "<!-- example: partial -->\n```json5\n{}\n```\n");
        Path stray = Files.writeString(dir.resolve("stray.md"), "<!-- example: fragment -->\n\n```json5\n{}\n```\n");

        assertThatThrownBy(() -> DocumentedExamples.in(unknown)).hasMessageContaining("unknown.md:1: unknown example"
                + " marker \"partial\"");
        assertThatThrownBy(() -> DocumentedExamples.in(stray)).hasMessageContaining("stray.md:1: an example marker"
                + " must stand on the line right before");
    }

    private void check(Example example) throws IOException {
        String name = example.markdown().getFileName() + "-" + example.line() + "."
                + (example.isHocon() ? "conf" : example.language());
        Path file = Files.writeString(Files.createTempDirectory(dir, "example").resolve(name), example.file());
        try {
            new ConfigLoader(Map.of()).load(file);
            if (example.kind() == Kind.INVALID) {
                fail(example.where(root) + ": the " + example.language() + " example is marked invalid, but it loads");
            }
        } catch (ConfigException e) {
            if (example.kind() != Kind.INVALID) {
                fail(example.where(root) + ": the " + example.language() + " example does not load (its lines are "
                        + example.markdown().getFileName() + "'s):\n" + e.problems().stream().map(Problem::toString)
                        .collect(Collectors.joining("\n")));
            }
        }
    }
}
