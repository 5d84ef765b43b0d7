package io.autopilot.templates;

import java.util.Arrays;
import java.util.List;

/**
 * A rendered template and its line map: {@code sourceLines[i]} is the 1-based line of the template that produced the
 * first character of output line {@code i + 1}. A config loader parses the output but reports errors by
 * {@link #sourceLine}, the line the user wrote. {@code printed} tells which parts of the text the actions printed
 * rather than the template's own text: a config rendered over the environment must not show them in its errors.
 */
public record Rendered(String text, int[] sourceLines, List<Printed> printed) {
    /** The characters {@code [start, end)} of the text, printed by an action on template line {@code sourceLine}. */
    public record Printed(int start, int end, int sourceLine) {
    }

    public Rendered {
        sourceLines = sourceLines.clone();
        if (sourceLines.length == 0) {
            throw new IllegalArgumentException("a rendering has at least one line");
        }
        printed = List.copyOf(printed);
    }

    /** A rendering whose text the template wrote itself, without actions that printed. */
    public Rendered(String text, int[] sourceLines) {
        this(text, sourceLines, List.of());
    }

    @Override
    public int[] sourceLines() {
        return sourceLines.clone();
    }

    /** Output lines are split at {@code \n}; text ending in a newline has an empty last line. */
    public int lineCount() {
        return sourceLines.length;
    }

    /**
     * The template line behind 1-based {@code outputLine}. Lines past the end map to where the template ended, since a
     * parser may report an unexpected end of input just beyond the text.
     */
    public int sourceLine(int outputLine) {
        if (outputLine < 1) {
            throw new IllegalArgumentException("output lines count from 1: " + outputLine);
        }
        return sourceLines[Math.min(outputLine, sourceLines.length) - 1];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rendered that && text.equals(that.text) && Arrays.equals(sourceLines, that.sourceLines)
                && printed.equals(that.printed);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * text.hashCode() + Arrays.hashCode(sourceLines)) + printed.hashCode();
    }

    @Override
    public String toString() {
        return "Rendered[text=" + text + ", sourceLines=" + Arrays.toString(sourceLines) + ", printed=" + printed
                + "]";
    }
}
