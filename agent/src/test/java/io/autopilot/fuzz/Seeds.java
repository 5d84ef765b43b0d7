package io.autopilot.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The configurations fuzzing starts from: every ContainerPilot-style file of the examples and of the tests'
 * resources, which together use every block and most functions.
 */
final class Seeds {
    /** One configuration file: its name (which decides JSON5 or HOCON) and its bytes. */
    record Seed(String name, byte[] bytes) {
    }

    private Seeds() {
    }

    static List<Seed> all() {
        Path root = root();
        try (Stream<Path> examples = Files.walk(root.resolve("examples"));
             Stream<Path> resources = Files.walk(root.resolve("agent/src/test/resources"))) {
            return Stream.concat(examples, resources)
                    .filter(file -> file.toString().endsWith(".json5"))
                    .sorted()
                    .map(Seeds::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Seed read(Path file) {
        try {
            return new Seed(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository: tests run in agent/, a run by hand usually at the top. */
    private static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("examples")) && Files.isDirectory(dir.resolve("agent"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from within the repository: no examples/ and agent/ above "
                + Path.of("").toAbsolutePath());
    }
}
