package io.autopilot.config;

import io.autopilot.decode.Origin;
import java.util.ArrayList;
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
 */
final class RenderedSource {
    private static final int EXCERPT_WIDTH = 100;
    private static final String INDENT = "    ";

    private final String text;
    private final String file;
    private final IntUnaryOperator sourceLine;
    private final int[] lineStarts;

    RenderedSource(String text, String file, IntUnaryOperator sourceLine) {
        this.text = text;
        this.file = file;
        this.sourceLine = sourceLine;
        this.lineStarts = lineStarts(text);
    }

    String text() {
        return text;
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
        return new ConfigSyntaxException(origin, reason, INDENT + clip(renderedLine, lineStarts[renderedLine - 1]));
    }

    private String excerpt(int index) {
        int line = renderedLine(index);
        StringBuilder excerpt = new StringBuilder();
        if (line > 1 && !text.substring(lineStarts[line - 2], lineEnd(line - 1)).isBlank()) {
            excerpt.append(INDENT).append(clip(line - 1, lineStarts[line - 2])).append('\n');
        }
        excerpt.append(INDENT).append(clip(line, index)).append('\n').append(INDENT);
        int from = windowStart(line, index);
        if (from > lineStarts[line - 1]) {
            excerpt.append("   "); // under the leading "..."
        }
        // Copy tabs so that the caret lines up however wide the terminal draws them.
        text.substring(from, index).codePoints().forEach(c -> excerpt.append(c == '\t' ? '\t' : ' '));
        return excerpt.append('^').toString();
    }

    /** The text of {@code line}, cut to a window around {@code focus} when the line is long (minified JSON). */
    private String clip(int line, int focus) {
        int start = lineStarts[line - 1];
        int end = lineEnd(line);
        int from = windowStart(line, focus);
        int to = Math.min(end, from + EXCERPT_WIDTH);
        return (from > start ? "..." : "") + text.substring(from, to) + (to < end ? "..." : "");
    }

    private int windowStart(int line, int focus) {
        int start = lineStarts[line - 1];
        int end = lineEnd(line);
        if (end - start <= EXCERPT_WIDTH) {
            return start;
        }
        return Math.max(start, Math.min(focus - EXCERPT_WIDTH / 2, end - EXCERPT_WIDTH));
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
