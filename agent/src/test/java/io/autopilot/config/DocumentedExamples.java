package io.autopilot.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration examples of the repository's markdown: every fenced block in {@code json5}, {@code hocon},
 * {@code conf} or {@code json}. Each is a whole configuration file unless an HTML comment on the line before its fence
 * says otherwise, visibly in the markdown (a reason may follow the kind: {@code <!-- example: fragment: why -->}):
 * <ul>
 *   <li>{@code <!-- example: top-level keys -->}: the inside of a file's top-level object, checked wrapped in braces;
 *   <li>{@code <!-- example: fragment -->}: a piece of a larger value (one job's keys), not checked;
 *   <li>{@code <!-- example: invalid -->}: a deliberate mistake, which must fail to load;
 *   <li>{@code <!-- example: not a configuration -->}: JSON of another kind (an answer, an editor's settings).
 * </ul>
 */
final class DocumentedExamples {
    /** The markdown that holds examples: the README, docs/ and the examples' READMEs. */
    private static final List<String> FOLDERS = List.of("docs", "examples");
    private static final Pattern FENCE = Pattern.compile("^```(\\w+)(.*)$");
    private static final Pattern MARKER = Pattern.compile("^<!-- example: ([a-z -]+?)(?:: .*)? -->$");
    private static final List<String> LANGUAGES = List.of("json5", "hocon", "conf", "json");

    enum Kind {
        FILE("file"), TOP_LEVEL_KEYS("top-level keys"), FRAGMENT("fragment"), INVALID("invalid"),
        NOT_A_CONFIGURATION("not a configuration");

        final String marker;

        Kind(String marker) {
            this.marker = marker;
        }

        static Optional<Kind> ofMarker(String marker) {
            return Stream.of(values()).filter(kind -> kind != FILE && kind.marker.equals(marker)).findFirst();
        }
    }

    /**
     * One example: {@code line} is its fence's line (1-based), and {@code text} its lines, each at its own line of
     * the markdown once {@link #file()} has numbered them so.
     */
    record Example(Path markdown, int line, String language, Kind kind, String text) {
        /** Where the example is, as an editor takes it: {@code docs/configuration.md:1122}. */
        String where(Path root) {
            return root.relativize(markdown) + ":" + line;
        }

        boolean isHocon() {
            return language.equals("hocon") || language.equals("conf");
        }

        /**
         * The text of a file that holds the example at the markdown's own line numbers (blank lines before it), so
         * that every problem's line is the markdown's line. Top-level keys get their braces on the fence lines.
         */
        String file() {
            String before = "\n".repeat(line - 1);
            return kind == Kind.TOP_LEVEL_KEYS ? before + "{\n" + text + "}\n" : before + "\n" + text;
        }
    }

    private DocumentedExamples() {
    }

    /** Every markdown file of the repository that may hold examples. */
    static List<Path> markdown(Path root) {
        List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
        for (String folder : FOLDERS) {
            try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
                walk.filter(file -> file.toString().endsWith(".md")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /**
     * The examples of one markdown file.
     *
     * @throws IllegalArgumentException for a marker no kind has, or one that stands before no example
     */
    static List<Example> in(Path markdown) {
        List<String> lines = SchemaDocuments.read(markdown).lines().toList();
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i).strip());
            if (marker.matches() && (i + 1 >= lines.size() || !isExample(lines.get(i + 1)))) {
                throw new IllegalArgumentException(markdown + ":" + (i + 1) + ": an example marker must stand on the"
                        + " line right before a json5, hocon, conf or json block");
            }
            Matcher fence = FENCE.matcher(lines.get(i).strip());
            if (!fence.matches() || !LANGUAGES.contains(fence.group(1).toLowerCase(Locale.ROOT))) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            examples.add(new Example(markdown, start + 1, fence.group(1).toLowerCase(Locale.ROOT),
                    kind(markdown, lines, start), text.toString()));
        }
        return examples;
    }

    private static boolean isExample(String line) {
        Matcher fence = FENCE.matcher(line.strip());
        return fence.matches() && LANGUAGES.contains(fence.group(1).toLowerCase(Locale.ROOT));
    }

    private static Kind kind(Path markdown, List<String> lines, int fence) {
        if (fence == 0) {
            return Kind.FILE;
        }
        Matcher marker = MARKER.matcher(lines.get(fence - 1).strip());
        if (!marker.matches()) {
            return Kind.FILE;
        }
        return Kind.ofMarker(marker.group(1)).orElseThrow(() -> new IllegalArgumentException(markdown + ":" + fence
                + ": unknown example marker \"" + marker.group(1) + "\"; the kinds are top-level keys, fragment,"
                + " invalid, not a configuration"));
    }
}
