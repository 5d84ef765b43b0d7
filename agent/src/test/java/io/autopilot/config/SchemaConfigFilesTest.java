package io.autopilot.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.autopilot.decode.Problem;
import io.autopilot.decode.Problems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every config file of the repository that is meant to be valid, and every configuration example of
 * docs/configuration.md that {@link DocumentedExamples} checks, passes both the schema and the decoders. Files named
 * {@code *invalid*} or kept in a folder {@code invalid/} are left out; files with Go template actions are checked as
 * they render over an empty environment.
 */
class SchemaConfigFilesTest {
    private static final List<String> FOLDERS =
            List.of("examples", "agent/src/main/dist", "docs", "agent/src/test/resources");

    private final Path root = SchemaDocuments.repositoryRoot();
    @TempDir
    Path examples;
    private final JsonSchema schema = SchemaDocuments.schema();

    @Test
    void findsTheConfigFilesOfTheRepository() {
        assertThat(configFiles()).contains(root.resolve("agent/src/main/dist/lib/aot-training.json5"));
    }

    @TestFactory
    Stream<DynamicTest> configFilesPassTheSchemaAndTheDecoders() {
        return configFiles().stream().map(file -> DynamicTest.dynamicTest(root.relativize(file).toString(), () -> {
            String name = root.relativize(file).toString();
            // A template's source is read from the config file's folder, as the agent does.
            Path folder = file.getParent();
            String text = SchemaDocuments.read(file);
            if (!text.contains("{{")) {
                assertValid(SchemaDocuments.configText(name, text), name, folder);
                return;
            }
            // A template is a config only once rendered: render it as the agent would, over an empty environment
            // (every variable unset), and check what comes out.
            String rendered = new ConfigLoader(Map.of()).render(file);
            assertValid(SchemaDocuments.configText(name, rendered), name + " (rendered)", folder);
        }));
    }

    @TestFactory
    Stream<DynamicTest> examplesOfTheReferencePassTheSchemaAndTheDecoders() {
        Path reference = root.resolve("docs/configuration.md");
        List<DocumentedExamples.Example> checked = DocumentedExamples.in(reference).stream()
                .filter(example -> example.kind() == DocumentedExamples.Kind.FILE
                        || example.kind() == DocumentedExamples.Kind.TOP_LEVEL_KEYS)
                .toList();
        assertThat(checked).as("configuration examples in %s", reference).hasSizeGreaterThanOrEqualTo(2);
        return checked.stream().map(example -> DynamicTest.dynamicTest(example.where(root), () -> {
            String name = example.where(root);
            Path file = Files.writeString(Files.createTempDirectory(examples, "example")
                    .resolve(example.isHocon() ? "example.conf" : "example.json5"), example.file());
            // Rendered over an empty environment, as the agent would render it: a template is a config only then.
            String rendered = new ConfigLoader(Map.of()).render(file);
            assertValid(example.isHocon() ? SchemaDocuments.hocon(rendered) : SchemaDocuments.json5(rendered), name,
                    reference.getParent());
            assertLoads(file);
        }));
    }

    /** The agent's own loader takes the example too, with and without the variables it may substitute. */
    private void assertLoads(Path file) throws ConfigException {
        new ConfigLoader(Map.of()).load(file);
        new ConfigLoader(Map.of("CONSUL_HTTP_ADDR", "consul:8500")).load(file);
    }

    private void assertValid(JsonNode document, String name, Path folder) {
        Set<ValidationMessage> errors = schema.validate(document);
        Problems problems = new Problems();
        AgentConfig.decode(SchemaDocuments.toNode(document, name), folder, problems);
        assertThat(errors).as("schema errors in %s", name).isEmpty();
        assertThat(problems.list()).extracting(Problem::toString).as("decoder problems in %s", name).isEmpty();
    }

    private List<Path> configFiles() {
        List<Path> files = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isRegularFile).filter(this::isValidConfig).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private boolean isValidConfig(Path file) {
        String name = file.getFileName().toString();
        if (!(name.endsWith(".json5") || name.endsWith(".conf") || name.endsWith(".json"))
                || name.endsWith(".schema.json") || name.contains("invalid")) {
            return false;
        }
        // The template engine's own fixtures are templates that happen to look like configs, not configs.
        if (root.relativize(file).startsWith("agent/src/test/resources/io/autopilot/templates")) {
            return false;
        }
        for (Path part : root.relativize(file)) {
            if (part.toString().equals("invalid") || part.toString().equals("target")) {
                return false;
            }
        }
        return true;
    }
}
