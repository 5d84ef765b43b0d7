package io.autopilot.config;

import io.autopilot.decode.EnvironmentValues;
import io.autopilot.decode.Origin;
import io.autopilot.templates.Rendered;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The rendered text a parser reads, with the name of the file it came from and the mapping from rendered lines back
 * to the file's lines. It turns a position in the text into an {@link Origin} and cuts the excerpt of a syntax error.
 *
 * <p>Lines end at {@code \n}, {@code \r\n} or a lone {@code \r}: what editors show and what the template renderer's
 * line mapping counts. JSON5 also treats U+2028 and U+2029 as line terminators (they end a {@code //} comment), but
 * they do not start a new line here, so that line numbers agree with the user's editor. Columns count code points
 * from 1; a tab is one column.
 *
 * <p>What the template's actions printed came from the environment: an excerpt shows
 * {@value EnvironmentValues#HIDDEN} in its place, and {@link #printedAt} lets a parser leave it out of its messages.
 */
final class RenderedSource {
    private static final int EXCERPT_WIDTH = 100;
    private static final String INDENT = "    ";

    private final String text;
    private final String file;
    private final IntUnaryOperator sourceLine;
    private final int[] lineStarts;
    private final List<Rendered.Printed> printed;

    RenderedSource(String text, String file, IntUnaryOperator sourceLine) {
        this(text, file, sourceLine, List.of());
    }

    /** The text of {@code rendered}, read from {@code file}. */
    RenderedSource(Rendered rendered, String file) {
        this(rendered.text(), file, rendered::sourceLine, rendered.printed());
    }

    private RenderedSource(String text, String file, IntUnaryOperator sourceLine, List<Rendered.Printed> printed) {
        this.text = text;
        this.file = file;
        this.sourceLine = sourceLine;
        this.lineStarts = lineStarts(text);
        this.printed = printed;
    }

    String text() {
        return text;
    }

    String file() {
        return file;
    }

    /** Whether the character at {@code index} was printed by a template action (so came from the environment). */
    boolean printedAt(int index) {
        return printedEnd(index) > index;
    }

    /**
     * Where the printed run that holds {@code index} ends, or {@code index} when none does. Actions print in the
     * order of the text, so the runs are sorted and apart, and a binary search finds the one that may hold it.
     */
    private int printedEnd(int index) {
        int low = 0;
        int high = printed.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            Rendered.Printed run = printed.get(middle);
            if (run.end() <= index) {
                low = middle + 1;
            } else if (run.start() > index) {
                high = middle - 1;
            } else {
                return run.end();
            }
        }
        return index;
    }

    /** Where the character at {@code index} is, on the source file's line. */
    Origin origin(int index) {
        int line = renderedLine(index);
        int column = text.codePointCount(lineStarts[line - 1], index) + 1;
        return new Origin(file, sourceLine.applyAsInt(line), column);
    }

    /** A whole rendered line (1-based) as a source origin without column; line 0 or less means unknown. */
    Origin originOfLine(int renderedLine) {
        if (renderedLine <= 0 || renderedLine > lineStarts.length) {
            return new Origin(file, 0, 0);
        }
        return new Origin(file, sourceLine.applyAsInt(renderedLine), 0);
    }

    /** A syntax error at {@code index}, with the line and a caret under the column. */
    ConfigSyntaxException errorAt(int index, String reason) {
        return new ConfigSyntaxException(origin(index), reason, excerpt(index));
    }

    /** A syntax error about a whole rendered line (when only the line is known). */
    ConfigSyntaxException errorAtLine(int renderedLine, String reason) {
        Origin origin = originOfLine(renderedLine);
        if (origin.line() == 0) {
            return new ConfigSyntaxException(origin, reason, "");
        }
        return new ConfigSyntaxException(origin, reason, INDENT + shown(renderedLine).clip(0));
    }

    private String excerpt(int index) {
        int line = renderedLine(index);
        StringBuilder excerpt = new StringBuilder();
        if (line > 1 && !text.substring(lineStarts[line - 2], lineEnd(line - 1)).isBlank()) {
            excerpt.append(INDENT).append(shown(line - 1).clip(0)).append('\n');
        }
        ShownLine shown = shown(line);
        int caret = shown.at(index);
        excerpt.append(INDENT).append(shown.clip(caret)).append('\n').append(INDENT);
        int from = shown.windowStart(caret);
        if (from > 0) {
            excerpt.append("   "); // under the leading "..."
        }
        // Copy tabs so that the caret lines up however wide the terminal draws them.
        shown.text().substring(from, caret).codePoints().forEach(c -> excerpt.append(c == '\t' ? '\t' : ' '));
        return excerpt.append('^').toString();
    }

    /** The text {@code [start, end)} as a message may quote it: each run of printed characters is hidden. */
    String shown(int start, int end) {
        return shownRange(start, Math.min(end, text.length())).text();
    }

    private ShownLine shown(int line) {
        return shownRange(lineStarts[line - 1], lineEnd(line));
    }

    /** Text as an excerpt shows it: each run of printed characters is one {@value EnvironmentValues#HIDDEN}. */
    private ShownLine shownRange(int start, int end) {
        StringBuilder shown = new StringBuilder();
        int[] positions = new int[end - start + 1];
        int index = start;
        while (index < end) {
            int printedEnd = printedEnd(index);
            if (printedEnd > index) {
                int stop = Math.min(printedEnd, end);
                Arrays.fill(positions, index - start, stop - start, shown.length());
                shown.append(EnvironmentValues.HIDDEN);
                index = stop;
            } else {
                positions[index - start] = shown.length();
                shown.append(text.charAt(index++));
            }
        }
        positions[end - start] = shown.length();
        return new ShownLine(shown.toString(), start, positions);
    }

    /** A line as shown, and where each character of the rendered line went in it. */
    private record ShownLine(String text, int start, int[] positions) {
        /** Where the rendered text's {@code index} (on this line, or just past its end) is in the shown line. */
        int at(int index) {
            return positions[Math.min(index - start, positions.length - 1)];
        }

        /** The line, cut to a window around {@code focus} when it is long (minified JSON). */
        String clip(int focus) {
            int from = windowStart(focus);
            int to = Math.min(text.length(), from + EXCERPT_WIDTH);
            return (from > 0 ? "..." : "") + text.substring(from, to) + (to < text.length() ? "..." : "");
        }

        int windowStart(int focus) {
            if (text.length() <= EXCERPT_WIDTH) {
                return 0;
            }
            return Math.max(0, Math.min(focus - EXCERPT_WIDTH / 2, text.length() - EXCERPT_WIDTH));
        }
    }

    private int renderedLine(int index) {
        int low = 0;
        int high = lineStarts.length - 1;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (lineStarts[middle] <= index) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return low + 1;
    }

    private int lineEnd(int line) {
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > lineStarts[line - 1] && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return end;
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
