package io.autopilot.telemetry.textfile;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one file in the Prometheus text exposition format 0.0.4, as the node exporter's textfile collector takes it:
 * {@code # HELP} and {@code # TYPE} lines, other comments, blank lines, and samples. Samples named {@code x_sum},
 * {@code x_count} (and {@code x_bucket}) belong to {@code x} when {@code x} was typed a summary (or a histogram); any
 * other sample without a {@code # TYPE} is untyped. The first problem found refuses the whole file, with its line:
 * half a file's metrics would be worse than none, and the error gauge says something is missing.
 */
final class TextFormatParser {
    private static final List<String> SUFFIXES = List.of("_sum", "_count", "_bucket");

    private final Path file;
    private final int sampleLimit;
    private final Map<String, FamilyBuilder> families = new LinkedHashMap<>();
    private int samples;

    private TextFormatParser(Path file, int sampleLimit) {
        this.file = file;
        this.sampleLimit = sampleLimit;
    }

    /**
     * A file's families, in the order the file first names them, and how many samples they hold.
     */
    record Parsed(List<TextfileFamily> families, int samples) {
    }

    /**
     * Reads {@code text}, the content of {@code file}.
     *
     * @param sampleLimit the most samples the file may hold: what is left of the folder's limit
     * @throws TextFormatException at the first problem
     */
    static Parsed parse(Path file, String text, int sampleLimit) {
        TextFormatParser parser = new TextFormatParser(file, sampleLimit);
        return new Parsed(parser.read(text), parser.samples);
    }

    private List<TextfileFamily> read(String text) {
        String[] lines = text.split("\n", -1);
        // A writer that does not rename its file into place may be caught halfway: the cut line would otherwise be
        // read as a whole one, "x 12" of "x 125".
        if (!lines[lines.length - 1].isEmpty()) {
            throw new TextFormatException(lines.length, "the last line does not end with a line feed: is the file"
                    + " being written? (write it under another name, then rename it into the folder)");
        }
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].endsWith("\r")) {
                throw new TextFormatException(i + 1, "the line ends with a carriage return: lines of the text format"
                        + " end with a line feed alone");
            }
            LineCursor cursor = new LineCursor(lines[i], i + 1);
            cursor.skipBlanks();
            if (cursor.take('#')) {
                comment(cursor);
            } else if (!cursor.atEnd()) {
                sample(SampleLine.parse(cursor));
            }
        }
        return families.values().stream().filter(FamilyBuilder::hasSamples).map(family -> family.build(file))
                .toList();
    }

    /** {@code # HELP name text} and {@code # TYPE name type}; any other comment is skipped. */
    private void comment(LineCursor cursor) {
        cursor.skipBlanks();
        String keyword = cursor.token();
        if (!keyword.equals("HELP") && !keyword.equals("TYPE")) {
            return;
        }
        cursor.skipBlanks();
        String name = cursor.metricName();
        if (!cursor.atEnd() && !cursor.take(' ') && !cursor.take('\t')) {
            throw cursor.problem("expected a blank after the name " + name + " in the " + keyword + " line");
        }
        cursor.skipBlanks();
        FamilyBuilder family = families.computeIfAbsent(name, n -> new FamilyBuilder(n, cursor.line()));
        if (keyword.equals("HELP")) {
            family.help(cursor.rest(), cursor.line());
            return;
        }
        String type = cursor.token();
        cursor.skipBlanks();
        if (!cursor.atEnd()) {
            throw cursor.problem("unexpected text after the type of " + name);
        }
        family.type(FamilyType.of(type).orElseThrow(() -> cursor.problem("\"" + type + "\" is not a type of the"
                + " text format: " + FamilyType.names())), cursor.line());
    }

    private void sample(SampleLine sample) {
        if (++samples > sampleLimit) {
            throw new TextFormatException(sample.line(), "more samples than the " + TextfileFolder.MAX_SAMPLES
                    + " the folder's files may hold together");
        }
        familyOf(sample.name(), sample.line()).add(sample);
    }

    private FamilyBuilder familyOf(String name, int line) {
        FamilyBuilder own = families.get(name);
        if (own != null) {
            return own;
        }
        for (String suffix : SUFFIXES) {
            if (name.endsWith(suffix)) {
                FamilyBuilder base = families.get(name.substring(0, name.length() - suffix.length()));
                if (base != null && base.owns(suffix)) {
                    return base;
                }
            }
        }
        return families.computeIfAbsent(name, n -> new FamilyBuilder(n, line));
    }
}
